import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/axe.ts';
import { expectedStatusError, useBrowser } from './support/browser.ts';
import { dateBeforeNextDstChange } from './support/dates.ts';
import { expectNoHorizontalScroll } from './support/layout.ts';
import { type E2eServer, getLanding, startE2eServer } from './support/server.ts';
import { DEMO_OWNER, DEMO_TEACHER, signInToApp } from './support/staff.ts';

// The staff app's workshops: the list with its filters, create with the schedule preview across
// a daylight-saving change, edit, the sessions, whitelist and bookings tabs, and a teacher's view.

const ZONE = 'America/New_York';

let server: E2eServer;
beforeAll(async () => {
  server = await startE2eServer();
});
afterAll(() => server?.close());

const browser = useBrowser();

/** Waits for a toast (its text also sits in the screen reader's live region: exact match). */
function toast(page: Page, text: string) {
  return page.getByText(text, { exact: true }).waitFor();
}

async function openWorkshops(page: Page) {
  await page.goto(`${server.baseUrl}/app/workshops`);
  await page.getByRole('heading', { name: 'Workshops', level: 1 }).waitFor();
  await page.getByText(/\d+ workshops?$/).waitFor();
}

describe('staff workshops', () => {
  it('an owner creates a paid weekly workshop across a DST change, edits it and runs its tabs', async () => {
    // The slug conflict below is answered 409, which Chromium logs.
    const page = await browser.newPage({ bypassCSP: true, allowConsoleErrors: [expectedStatusError(409)] });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.baseUrl });
    await signInToApp(page, server.baseUrl, DEMO_OWNER);
    await openWorkshops(page);
    await expectAccessible(page);

    await page.getByRole('link', { name: 'New workshop' }).click();
    await page.getByRole('heading', { name: 'New workshop' }).waitFor();
    await expectAccessible(page);

    // The procedure's own schema checks the form before anything is sent.
    await page.getByRole('button', { name: 'Create workshop' }).click();
    await page.getByLabel('Title', { exact: true }).and(page.locator('[aria-invalid="true"]')).waitFor();
    await page.getByText('Is required for zoom locations').waitFor();
    await page.getByText('Choose a date and a time').waitFor();

    const title = `Evening Conversation ${Date.now()}`;
    const { startDate, change } = dateBeforeNextDstChange(ZONE);
    await page.getByLabel('Title', { exact: true }).fill(title);
    await page.getByLabel('Description').fill('Speak for an hour with a native teacher.');
    await page
      .getByLabel('Teacher', { exact: true })
      .selectOption({ label: `${DEMO_TEACHER.name} (${ZONE})` });
    await page.getByLabel('Location 1 meeting link').fill('https://zoom.us/j/5550001');
    await page.getByLabel('Price', { exact: true }).fill('25.00');
    await page.getByLabel('Seats').fill('6');
    await page.getByLabel('First session date').fill(startDate);
    await page.getByLabel('Start time').fill('18:00');
    await page.getByLabel('Repeat').selectOption('weekly');
    await page.getByLabel('Number of sessions').fill('6');

    // The server's own plan: six rows, 18:00 local in each, and the offset moving on the change.
    const dates = page.getByRole('region', { name: 'Session dates' });
    await expect.poll(() => dates.getByRole('row').count()).toBe(7);
    const times = await dates.locator('tbody tr td:nth-child(3)').allTextContents();
    expect(times).toEqual(Array(6).fill('18:00'));
    const offsets = (await dates.locator('tbody tr td:nth-child(4)').allTextContents()).map((t) =>
      t.replace('clocks change', '').trim(),
    );
    expect(new Set(offsets).size).toBe(2);
    await dates.getByText('clocks change').waitFor();
    await page.getByText('The clocks change during this series').waitFor();
    expect(change.isValid).toBe(true);
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Create workshop' }).click();
    await page.waitForURL((url) => /^\/app\/workshops\/\d+$/.test(url.pathname));
    await page.getByRole('heading', { name: title }).waitFor();
    const workshopPath = new URL(page.url()).pathname;

    // In the list (found by its title), and on the school's public page.
    await page.goto(`${server.baseUrl}/app/workshops?q=${encodeURIComponent(title)}`);
    const row = page.getByRole('listitem').filter({ hasText: title });
    await row.getByText('$25.00').waitFor();
    await row.getByText(DEMO_TEACHER.name).waitFor();
    await row.getByText('Active').waitFor();
    await row.getByText('0 / 6').waitFor();
    const listed = (await getLanding(server.baseUrl)).workshops.find((w) => w.title === title);
    expect(listed).toMatchObject({ price: 2500 });
    await row.getByRole('button', { name: `Actions for ${title}` }).click();
    await page.getByRole('menuitem', { name: 'Copy booking link' }).click();
    await toast(page, 'Booking link copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(listed?.bookingUrl);

    // The public page, from the workshop page's link (a new tab).
    await page.goto(`${server.baseUrl}${workshopPath}`);
    const [publicPage] = await Promise.all([
      page.context().waitForEvent('page'),
      page.getByRole('link', { name: /Open public page/ }).click(),
    ]);
    await publicPage.waitForLoadState();
    await publicPage.getByRole('heading', { name: title }).waitFor();
    await publicPage.close();

    // A refusal by the server lands on its field: the slug of another workshop.
    const slug = await page.getByLabel('Web address (slug)').inputValue();
    await page.getByLabel('Web address (slug)').fill('business-english');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText(/"business-english" is already used by another workshop/).waitFor();
    expect(await page.getByLabel('Web address (slug)').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Web address (slug)').fill(slug);

    // Edit: a new title and price, and the language it is taught in (issue 18).
    await page.getByLabel('Title', { exact: true }).fill(`${title} (edited)`);
    await page.getByLabel('Price', { exact: true }).fill('30');
    await page.getByLabel('Taught in').selectOption({ label: 'French' });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: `${title} (edited)` }).waitFor();
    expect(await page.getByLabel('Price', { exact: true }).inputValue()).toBe('30.00');
    expect(await page.getByLabel('Taught in').inputValue()).toBe('fr');
    await expectAccessible(page);

    // Sessions: add one after the series, then remove it.
    await page.getByRole('tab', { name: 'Sessions' }).click();
    await page.waitForURL((url) => url.searchParams.get('tab') === 'sessions');
    const upcoming = page.getByRole('region', { name: 'Upcoming sessions' }).getByRole('listitem');
    await expect.poll(() => upcoming.count()).toBe(6);
    await expectAccessible(page);
    const extraDate = DateTime.fromISO(startDate).plus({ weeks: 10 });
    await page.getByLabel('First session date').fill(extraDate.toFormat('yyyy-MM-dd'));
    await page.getByLabel('Start time').fill('10:00');
    await page.getByLabel('Repeat').selectOption('none');
    await page.getByRole('region', { name: 'Session dates' }).getByRole('row').nth(1).waitFor();
    await page.getByRole('button', { name: 'Add sessions' }).click();
    await toast(page, '1 session added');
    await expect.poll(() => upcoming.count()).toBe(7);
    await upcoming
      .last()
      .getByRole('button', { name: /^Remove the session of/ })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Remove this session?' });
    await dialog.getByText('Nobody has booked it').waitFor();
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Remove session' }).click();
    await toast(page, 'Session removed');
    await expect.poll(() => upcoming.count()).toBe(6);

    // Whitelist: a CSV with a bad row, a row without email and a repeat; only the valid ones go.
    await page.getByRole('tab', { name: 'Whitelist' }).click();
    await page.getByText('Nobody on the list yet').waitFor();
    await expectAccessible(page);
    await page.getByLabel('Or upload a CSV file').setInputFiles({
      name: 'students.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'email,name\nana@example.test,Ana\nnot-an-email,Bad\nANA@example.test,Ana again\nben@example.test,Ben\n,Nobody\n',
      ),
    });
    await page.getByText('2 valid, 2 invalid, 1 duplicate').waitFor();
    const skipped = page.getByRole('region', { name: 'Rows that will be skipped' });
    await skipped.getByText('Not a valid email').waitFor();
    await skipped.getByText('No email').waitFor();
    await skipped.getByText('Duplicate of line 2').waitFor();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Add 2 emails' }).click();
    await toast(page, 'Whitelist updated');
    const entries = page.getByRole('region', { name: /On the list/ }).getByRole('listitem');
    await expect
      .poll(() => entries.allTextContents())
      .toEqual([expect.stringContaining('ana@example.test'), expect.stringContaining('ben@example.test')]);
    await page.getByRole('button', { name: 'Remove ben@example.test' }).click();
    await toast(page, 'ben@example.test removed from the whitelist');
    await expect.poll(() => entries.count()).toBe(1);

    // Bookings: none yet.
    await page.getByRole('tab', { name: 'Bookings' }).click();
    await page.getByText('No bookings yet').waitFor();
    await expectAccessible(page);

    // Archive, then publish again.
    await page.getByRole('button', { name: 'Archive' }).click();
    await toast(page, 'Archived: it no longer takes bookings');
    await page.getByRole('main').getByText('Archived', { exact: true }).waitFor();
    expect(await page.getByRole('link', { name: /Open public page/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'Reactivate' }).click();
    await toast(page, 'Published: students can book it');
    await page.getByRole('link', { name: /Open public page/ }).waitFor();
  });

  it('a teacher sees their own classes and is offered no create, edit or publish', async () => {
    const page = await browser.newPage({ bypassCSP: true });
    await signInToApp(page, server.baseUrl, DEMO_TEACHER);
    await openWorkshops(page);
    expect(await page.getByRole('link', { name: 'New workshop' }).count()).toBe(0);
    expect(await page.getByLabel('Teacher').inputValue()).not.toBe('all');
    const rows = page.getByRole('main').getByRole('listitem');
    expect(await rows.count()).toBeGreaterThan(0);
    for (const text of await rows.allTextContents()) expect(text).toContain(DEMO_TEACHER.name);
    await expectAccessible(page);

    await rows
      .first()
      .getByRole('button', { name: /^Actions for/ })
      .click();
    const menu = page.getByRole('menu');
    await menu.getByRole('menuitem', { name: 'Copy booking link' }).waitFor();
    expect(await menu.getByRole('menuitem', { name: /Edit|Publish|Archive/ }).count()).toBe(0);
    await menu.getByRole('menuitem', { name: 'View' }).click();
    await page.waitForURL((url) => /^\/app\/workshops\/\d+$/.test(url.pathname));
    await page.getByText('Only the school’s admins can change a workshop.').waitFor();
    expect(await page.getByRole('button', { name: /Save changes|Publish|Archive/ }).count()).toBe(0);

    // Everyone's classes on request.
    await openWorkshops(page);
    await page.getByLabel('Teacher').selectOption('all');
    await page.waitForURL((url) => url.searchParams.get('allTeachers') === 'true');
    await page.getByRole('main').getByRole('listitem').filter({ hasText: DEMO_OWNER.name }).first().waitFor();

    await page.goto(`${server.baseUrl}/app/workshops/new`);
    await page.getByText('Only the school’s admins create workshops').waitFor();
  });

  it('fits a 375 px phone: the list and the form scroll only down', async () => {
    const page = await browser.newPage({ mobile: true });
    // On a phone the navigation sits behind the menu button, so signInToApp's wait does not apply.
    await page.goto(`${server.baseUrl}/app/sign-in`);
    await page.getByLabel('Email').fill(DEMO_OWNER.email);
    await page.getByLabel('Password').fill(DEMO_OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/app/');
    await openWorkshops(page);
    await expectNoHorizontalScroll(page, 375);
    await page.goto(`${server.baseUrl}/app/workshops/new`);
    await page.getByRole('heading', { name: 'New workshop' }).waitFor();
    await page.getByLabel('First session date').fill(DateTime.now().plus({ days: 3 }).toFormat('yyyy-MM-dd'));
    await page.getByRole('region', { name: 'Session dates' }).getByRole('row').nth(1).waitFor();
    await expectNoHorizontalScroll(page, 375);
  });
});
