import ICAL from 'ical.js';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/axe.ts';
import { useBrowser } from './support/browser.ts';
import { type E2eServer, startE2eServer } from './support/server.ts';
import { DEMO_OWNER, DEMO_TEACHER, signInToApp } from './support/staff.ts';

// "Subscribe in your calendar" on the staff calendar (issue 20, part 3): the private feed link of
// the classes one teaches (and, for admins, the whole school's), copied as webcal://, and reset.

let server: E2eServer;
beforeAll(async () => {
  server = await startE2eServer();
});
afterAll(() => server?.close());

const browser = useBrowser();

async function openFeedDialog(page: Page) {
  await page.goto(`${server.baseUrl}/app/calendar`);
  await page.getByRole('button', { name: 'Subscribe in your calendar' }).click();
  return page.getByRole('dialog', { name: 'Subscribe in your calendar' });
}

/** The https feed behind a webcal:// link, fetched from the test server. */
async function feedSummaries(webcal: string): Promise<{ status: number; summaries: string[] }> {
  const response = await fetch(`${server.baseUrl}${new URL(webcal.replace(/^webcal:/, 'http:')).pathname}`);
  if (response.status !== 200) return { status: response.status, summaries: [] };
  const calendar = new ICAL.Component(ICAL.parse(await response.text()));
  return {
    status: 200,
    summaries: calendar.getAllSubcomponents('vevent').map((event) => new ICAL.Event(event).summary),
  };
}

describe('staff calendar feed', () => {
  it('gives a teacher the link to their own classes, and resets it', async () => {
    const page = await browser.newPage({ bypassCSP: true });
    await signInToApp(page, server.baseUrl, DEMO_TEACHER);
    const dialog = await openFeedDialog(page);
    const mine = dialog.getByRole('region', { name: 'The classes you teach' });
    const field = mine.getByLabel('Calendar link');
    await expect.poll(() => field.inputValue()).toMatch(/^webcal:\/\/.+\/api\/v1\/calendar\/[\w-]{43}\.ics$/);
    // A teacher has no school-wide feed.
    expect(await dialog.getByRole('region', { name: 'Every class of the school' }).count()).toBe(0);
    await expectAccessible(page);

    const old = await field.inputValue();
    expect(await mine.getByRole('link', { name: 'Open in my calendar app' }).getAttribute('href')).toBe(old);
    const feed = await feedSummaries(old);
    expect(feed.summaries.length).toBeGreaterThan(0);
    // Jane's classes only (the demo's other half is Maria's).
    expect(new Set(feed.summaries).size).toBe(10);

    await mine.getByRole('button', { name: 'Reset link' }).click();
    const confirm = page.getByRole('dialog', { name: 'Reset the calendar link?' });
    await expectAccessible(page);
    await confirm.getByRole('button', { name: 'Reset link' }).click();
    await page.getByText('New calendar link ready. The old one no longer works.', { exact: true }).waitFor();
    await expect.poll(() => field.inputValue()).not.toBe(old);
    expect((await feedSummaries(old)).status).toBe(404);
    expect((await feedSummaries(await field.inputValue())).status).toBe(200);
  });

  it('gives an admin the whole school’s feed as well', async () => {
    const page = await browser.newPage({ bypassCSP: true });
    await signInToApp(page, server.baseUrl, DEMO_OWNER);
    const dialog = await openFeedDialog(page);
    const school = dialog.getByRole('region', { name: 'Every class of the school' });
    const field = school.getByLabel('Calendar link');
    await expect.poll(() => field.inputValue()).toMatch(/^webcal:\/\//);
    await dialog.getByRole('region', { name: 'The classes you teach' }).getByLabel('Calendar link').waitFor();
    await expectAccessible(page);
    const feed = await feedSummaries(await field.inputValue());
    // Twenty workshops, each with its teacher named.
    expect(new Set(feed.summaries).size).toBeGreaterThanOrEqual(20);
    expect(feed.summaries.every((summary) => / \(.+\)$/.test(summary))).toBe(true);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
  });
});
