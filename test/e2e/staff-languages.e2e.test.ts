import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUES } from '../../src/lib/i18n/catalogues.ts';
import { LOCALES, type Locale } from '../../src/lib/i18n/locales.schema.ts';
import en from '../../src/lib/i18n/messages/en.json' with { type: 'json' };
import { signInAs } from './support/admin.ts';
import { expectAccessible } from './support/axe.ts';
import { useBrowser } from './support/browser.ts';
import { type E2eServer, startE2eServer } from './support/server.ts';
import { DEMO_OWNER, signInToApp } from './support/staff.ts';

// Issue 18, part 4: the staff app speaks the catalogues' languages. Signed out it follows the
// browser; signed in, the account's language setting, switched at once from the profile form.
// Every screen is checked in each language for English left over, and with axe in German.

let server: E2eServer;
beforeAll(async () => {
  server = await startE2eServer();
});
afterAll(() => server?.close());

const browser = useBrowser();
const AXE_LANGUAGE: Locale = 'de';
type Key = keyof typeof en;
const EN = en as Record<Key, string>;

/**
 * English app texts a screen in `locale` must not show: those the language writes differently,
 * without placeholders, of two words or more (a lone "Immersio" or "Zoom" reads the same).
 */
function englishTexts(locale: Locale): string[] {
  const catalogue = CATALOGUES[locale];
  return (Object.keys(EN) as Key[])
    .filter((key) => key.startsWith('app.'))
    .map((key) => ({ english: EN[key], translated: catalogue[key] }))
    .filter(
      ({ english, translated }) => english !== translated && !english.includes('{') && english.includes(' '),
    )
    .map(({ english }) => english);
}

async function expectNoEnglish(page: Page, locale: Locale): Promise<void> {
  const text = (await page.locator('body').textContent()) ?? '';
  const left = englishTexts(locale).filter((english) => text.includes(english));
  expect(left, `English left on ${page.url()} in ${locale}`).toEqual([]);
}

/** The demo owner's profile with `language`, as the account screen saves it. */
async function setOwnerLanguage(language: Locale): Promise<void> {
  const owner = await signInAs(server.baseUrl, DEMO_OWNER);
  const me = await owner.trpc.viewer.me.query();
  await owner.trpc.immersio.account.updateProfile.mutate({ name: me.name, timeZone: me.timeZone, language });
}

async function expectLanguage(page: Page, locale: Locale): Promise<void> {
  await page.waitForFunction((lang) => document.documentElement.lang === lang, locale);
}

/** Every staff screen an owner reaches from the navigation, and a workshop's own screen. */
const SCREENS = [
  '/app/',
  '/app/workshops',
  '/app/workshops/new',
  '/app/bookings',
  '/app/calendar',
  '/app/availability',
  '/app/passes',
  '/app/landing',
  '/app/payments',
  '/app/api-keys',
  '/app/immersio',
  '/app/team',
  '/app/plan',
  '/app/account',
];

async function settle(page: Page, path: string): Promise<void> {
  await page.goto(`${server.baseUrl}${path}`);
  await page.locator('main#main h1').first().waitFor();
  // Screens load their data after the frame: wait until no spinner is left.
  await page.waitForFunction(
    () => !document.querySelector('[role="status"][aria-busy="true"], .animate-spin'),
  );
}

describe('the staff app in every language', () => {
  it('speaks the browser’s language before sign-in', async () => {
    for (const [browserLocale, locale] of [
      ['fr-FR', 'fr'],
      ['pt-PT', 'pt-BR'],
      ['de-AT', 'de'],
    ] as const) {
      const page = await browser.newPage({ locale: browserLocale });
      await page.goto(`${server.baseUrl}/app/sign-in`);
      await expectLanguage(page, locale);
      await page.getByRole('button', { name: CATALOGUES[locale]['app.auth.signIn.submit'] }).waitFor();
      await expectNoEnglish(page, locale);
      await page.close();
    }
  });

  it('switches the whole app at once when the account’s language changes, and keeps it', async () => {
    const page = await browser.newPage();
    await signInToApp(page, server.baseUrl, DEMO_OWNER);
    await expectLanguage(page, 'en');
    await page.goto(`${server.baseUrl}/app/account`);
    await page.getByLabel(EN['app.account.profile.languageLabel']).selectOption('fr');
    await page.getByRole('button', { name: EN['app.account.profile.submit'] }).click();
    const fr = CATALOGUES.fr;
    await page.getByRole('link', { name: fr['app.nav.workshops'] }).waitFor();
    await expectLanguage(page, 'fr');
    // A new visit, even signed out on this device, opens in the account's language.
    await page.reload();
    await page.getByRole('link', { name: fr['app.nav.workshops'] }).waitFor();
    await page.getByRole('button', { name: fr['app.shell.signOut'], exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/app/sign-in');
    await expectLanguage(page, 'fr');
    await setOwnerLanguage('en');
  });

  for (const locale of LOCALES.filter((tag) => tag !== 'en')) {
    it(`shows every screen in ${locale} with no English left`, async () => {
      const owner = await signInAs(server.baseUrl, DEMO_OWNER);
      await setOwnerLanguage(locale);
      try {
        const page = await browser.newPage({ bypassCSP: true });
        await signInToApp(page, server.baseUrl, DEMO_OWNER);
        await expectLanguage(page, locale);
        const workshops = await owner.trpc.immersio.workshop.list.query({ page: 1, limit: 1 });
        const first = workshops.workshops[0];
        const screens = first ? [...SCREENS, `/app/workshops/${first.id}`] : SCREENS;
        for (const path of screens) {
          await settle(page, path);
          await expectNoEnglish(page, locale);
          // The screens are built the same in every language: axe runs in the one with the longest
          // words (German), which is where labels overflow or names go missing, to keep CI short.
          if (locale === AXE_LANGUAGE) await expectAccessible(page);
        }
      } finally {
        await setOwnerLanguage('en');
      }
    });
  }
});
