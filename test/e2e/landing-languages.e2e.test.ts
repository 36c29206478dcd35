import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUES } from '../../src/lib/i18n/catalogues.ts';
import { type SignedInAdmin, signInDemoAdmin } from './support/admin.ts';
import { expectAccessible } from './support/axe.ts';
import { useBrowser } from './support/browser.ts';
import { expectNoHorizontalScroll } from './support/layout.ts';
import { DEMO_TENANT, type E2eServer, startE2eServer } from './support/server.ts';
import { DEMO_OWNER, signInToApp } from './support/staff.ts';

// Issue 18: the landing page in Spanish in Chromium (axe clean, fits a phone, its switcher takes
// the reader to French and the choice stays), and the staff editor's Languages section (the
// preview follows the unsaved default; a save narrows what the live page offers).

let server: E2eServer;
let admin: SignedInAdmin;
beforeAll(async () => {
  server = await startE2eServer();
  admin = await signInDemoAdmin(server.baseUrl);
});
afterAll(() => server?.close());

const browser = useBrowser();
const es = CATALOGUES.es;
const fr = CATALOGUES.fr;

describe('the landing page in another language', () => {
  it.each(['education', 'kids_2'] as const)(
    '%s in Spanish: axe clean, fits 375 px, the switcher goes to French',
    async (templateId) => {
      await admin.trpc.immersio.landing.updateSettings.mutate({
        templateId,
        languages: null,
        defaultLanguage: 'en',
      });
      const page = await browser.newPage({ bypassCSP: true });
      await page.goto(`${server.baseUrl}/${DEMO_TENANT}?lang=es`);
      expect(await page.locator('html').getAttribute('lang')).toBe('es');
      await page.getByRole('link', { name: es['landing.book']! }).first().waitFor();
      await expectAccessible(page);

      const phone = await browser.newPage({ mobile: true });
      await phone.goto(`${server.baseUrl}/${DEMO_TENANT}?lang=es`);
      await expectNoHorizontalScroll(phone, 375);

      // The switcher names each language in itself; the choice is kept for the bare address.
      await page
        .getByRole('navigation', { name: es['common.languageSwitcher']! })
        .getByRole('link', { name: 'Français' })
        .click();
      await page.waitForURL(/lang=fr/);
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
      await page.goto(`${server.baseUrl}/${DEMO_TENANT}`);
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
      await page.getByRole('link', { name: fr['landing.book']! }).first().waitFor();
    },
  );
});

describe('the Languages section of the landing editor', () => {
  it('previews the unsaved default language, saves the offered ones, refuses a default not offered', async () => {
    await admin.trpc.immersio.landing.updateSettings.mutate({
      templateId: 'education',
      languages: null,
      defaultLanguage: 'en',
    });
    const page = await browser.newPage({ bypassCSP: true });
    await signInToApp(page, server.baseUrl, DEMO_OWNER);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Landing page' }).click();
    const languages = page.getByRole('group', { name: 'Languages', exact: true });
    await languages.waitFor();
    const preview = page.frameLocator('iframe[title="Landing page preview"]');
    await expect.poll(() => preview.locator('html').getAttribute('lang')).toBe('en');

    await page.getByLabel('Default language').selectOption('de');
    await expect.poll(() => preview.locator('html').getAttribute('lang')).toBe('de');
    const offered = page.getByRole('group', { name: 'Offered languages' });
    for (const name of ['English', 'Español', 'Français', 'Português (Brasil)']) {
      await offered.getByRole('checkbox', { name }).uncheck();
    }
    await offered.getByRole('checkbox', { name: 'Deutsch' }).uncheck();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('must be one of the offered languages').first().waitFor();
    expect(await page.getByLabel('Default language').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);

    await offered.getByRole('checkbox', { name: 'Deutsch' }).check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Landing page saved').first().waitFor();
    expect(await admin.trpc.immersio.landing.getSettings.query({})).toMatchObject({
      defaultLanguage: 'de',
      languages: ['de', 'it'],
    });
    const live = await fetch(`${server.baseUrl}/${DEMO_TENANT}`, { headers: { 'accept-language': 'fr' } });
    expect(await live.text()).toContain('<html lang="de"');
    await admin.trpc.immersio.landing.updateSettings.mutate({ languages: null, defaultLanguage: 'en' });
  });
});
