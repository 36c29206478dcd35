import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUES, ENGLISH, type MessageKey } from '../../src/lib/i18n/catalogues.ts';
import { createDemoWorkshop, type SignedInAdmin, signInDemoAdmin } from './support/admin.ts';
import { expectUrlAccessible } from './support/axe.ts';
import { useBrowser, watchErrors } from './support/browser.ts';
import { type E2eServer, startE2eServer } from './support/server.ts';

// Issue 18: the no-JavaScript booking flow in French, end to end in Chromium. A French browser
// (Accept-Language fr-FR) opens a workshop page with ?lang=fr, books a free session with the plain
// form and lands on the manage page; both pages are in French, axe-clean, with no console error.
// The French words are looked up in the catalogues (by their English text), so the test follows
// whatever the pages' messages say rather than copying them.

let server: E2eServer;
let admin: SignedInAdmin;
beforeAll(async () => {
  server = await startE2eServer();
  admin = await signInDemoAdmin(server.baseUrl);
});
afterAll(() => server?.close());

const browser = useBrowser();

const FRENCH = CATALOGUES.fr;

/**
 * The French of a page text, found in the catalogues by its English (every message saying it, as
 * one pattern matching any of their French texts): the test fails clearly if no message says it.
 */
function french(english: string | RegExp): RegExp {
  const matches = (text: string) => (typeof english === 'string' ? text === english : english.test(text));
  const keys = (Object.keys(ENGLISH) as MessageKey[]).filter((k) => matches(ENGLISH[k]));
  if (keys.length === 0)
    throw new Error(`no English catalogue message ${String(english)}: is the page translated?`);
  const texts = [...new Set(keys.map((k) => FRENCH[k] ?? ENGLISH[k]))];
  return new RegExp(texts.map(escapeRegExp).join('|'));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** English catalogue messages (no placeholders, 12+ characters) that French says otherwise. */
const ENGLISH_LEFTOVERS = (Object.keys(ENGLISH) as MessageKey[])
  .filter((k) => !ENGLISH[k].includes('{') && ENGLISH[k].length >= 12 && FRENCH[k] !== ENGLISH[k])
  .map((k) => ENGLISH[k]);

async function expectFrench(page: Page) {
  expect(await page.locator('html').getAttribute('lang')).toBe('fr');
  // biome-ignore lint/performance/useDomNodeTextContent: the text a reader sees, not hidden markup
  const text = (await page.locator('body').innerText()).replace(/\s+/g, ' ');
  expect(ENGLISH_LEFTOVERS.filter((english) => text.includes(english))).toEqual([]);
  // Dates in French too: no "Monday" or "Mon, 14 Dec 2026".
  expect(text).not.toMatch(
    /\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)(?:day|sday|nesday|rsday|urday)?\b|\b\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{4}\b/,
  );
}

describe('booking in French without JavaScript', () => {
  let noScript: BrowserContext | undefined;
  afterAll(() => noScript?.close());

  it('workshop page → form → manage page, all in French, axe-clean, no console error', async () => {
    const title = 'Atelier Zeta';
    const created = await createDemoWorkshop(admin, {
      title,
      description: 'Zeta zeta : conversation et pratique.',
    });
    const workshopUrl = new URL(created.bookingUrl);
    workshopUrl.searchParams.set('lang', 'fr');

    noScript = await browser.browser.newContext({ javaScriptEnabled: false, locale: 'fr-FR' });
    const errors = watchErrors(noScript);
    const page = await noScript.newPage();
    page.setDefaultTimeout(15_000);

    const response = await page.goto(workshopUrl.toString());
    expect(response?.status()).toBe(200);
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await expectFrench(page);
    await expectUrlAccessible(browser, workshopUrl.toString());

    // The first open session, then the attendee by the form's French labels.
    const sessions = page.getByRole('group', { name: french('Choose a session') });
    await sessions.getByRole('radio', { disabled: false }).first().check();
    const form = page
      .locator('form')
      .filter({ hasNot: page.locator('input[name="intent"][value="waitlist"]') })
      .filter({ has: page.locator('input[name="email"]') });
    await form.getByLabel(french('Your name')).fill('Amélie Zeta');
    await form.getByLabel(french('E-mail')).fill('amelie.zeta@example.test');
    await Promise.all([
      page.waitForURL(/\/bookings\/[^/?]+\?token=[^&]+.*booked=1/),
      form.getByRole('button', { name: french('Book now') }).click(),
    ]);

    // The manage page: booked and confirmed, in French (the booking's language, and the URL's).
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: french(/^You['’]re booked!$/) })
      .waitFor();
    await expectFrench(page);
    await expectUrlAccessible(browser, page.url());

    // The booking keeps its language: its bare manage link, opened by an English browser with no
    // cookie, is still in French (so are the e-mails sent later).
    const bare = new URL(page.url());
    bare.searchParams.delete('lang');
    bare.searchParams.delete('booked');
    const english = await browser.newPage();
    expect((await english.goto(bare.toString()))?.status()).toBe(200);
    expect(await english.locator('html').getAttribute('lang')).toBe('fr');

    expect(errors).toEqual([]);
  });
});
