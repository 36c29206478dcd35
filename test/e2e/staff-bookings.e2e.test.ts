import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoWorkshop, type SignedInAdmin, signInAs } from './support/admin.ts';
import { expectAccessible } from './support/axe.ts';
import { expectedStatusError, MOBILE_VIEWPORT, useBrowser } from './support/browser.ts';
import { expectNoHorizontalScroll } from './support/layout.ts';
import { createBooking, type E2eServer, startE2eServer } from './support/server.ts';
import { DEMO_OWNER, DEMO_TEACHER, signInToApp } from './support/staff.ts';

// The staff app's bookings: the school-wide list with its filters and CSV export, a session's
// roster that shows new bookings by itself, cancelling a booking, cancelling a paid session with
// its refunds listed first, and a teacher's narrower view.

let server: E2eServer;
let owner: SignedInAdmin;
let teacher: SignedInAdmin;
beforeAll(async () => {
  server = await startE2eServer();
  [owner, teacher] = await Promise.all([
    signInAs(server.baseUrl, DEMO_OWNER),
    signInAs(server.baseUrl, DEMO_TEACHER),
  ]);
});
afterAll(() => server?.close());

const browser = useBrowser();

async function visible(locator: Locator) {
  await locator.first().waitFor({ state: 'visible' });
}

/** A new workshop of the demo school and its first session's id. */
async function workshopWithSession(overrides: Parameters<typeof createDemoWorkshop>[1] = {}) {
  const created = await createDemoWorkshop(owner, overrides);
  const { sessions, slug } = await owner.trpc.immersio.workshop.get.query({ workshopId: created.id });
  return { id: created.id, slug, session: sessions[0]! };
}

type Workshop = Awaited<ReturnType<typeof workshopWithSession>>;

function book(w: Workshop, name: string, email: string) {
  return createBooking(server.baseUrl, {
    workshopSlug: w.slug,
    startTime: w.session.startTime.toISOString(),
    attendee: { name, email, timeZone: 'Europe/Lisbon' },
  });
}

/** A paid seat: booked, then paid at the Stripe emulator's checkout (its webhook confirms it). */
async function paidSeat(w: Workshop, name: string, email: string) {
  const created = await book(w, name, email);
  const checkoutId = new URL(created.payment!.checkoutUrl).pathname.split('/').pop()!;
  const result = await server.running.stripeEmulator!.pay(checkoutId);
  expect(result.deliveries.map((d) => d.status)).toEqual([200]);
  return created;
}

async function openRoster(page: Page, sessionId: number) {
  await page.goto(`${server.baseUrl}/app/sessions/${sessionId}`);
  await visible(page.getByRole('heading', { level: 1 }));
}

function rosterRow(page: Page, name: string) {
  return page.getByRole('region', { name: 'Roster' }).getByRole('row').filter({ hasText: name });
}

async function downloadCsv(page: Page, link: Locator) {
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const text = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
  return {
    filename: download.suggestedFilename(),
    rows: Papa.parse<string[]>(text, { skipEmptyLines: true }).data,
  };
}

describe('staff bookings', () => {
  it('a booking made while the roster is open appears without a reload; cancelling it takes a reason', async () => {
    const w = await workshopWithSession({ title: 'Live Roster Lab' });
    const page = await browser.newPage();
    await signInToApp(page, server.baseUrl, DEMO_OWNER);
    await openRoster(page, w.session.id);
    await visible(page.getByRole('heading', { level: 1, name: 'Live Roster Lab' }));
    await visible(page.getByText('No bookings yet'));
    await visible(page.getByText('0 of 8 seats taken'));
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });

    await book(w, 'Rita Realtime', 'rita.realtime@example.test');
    await rosterRow(page, 'Rita Realtime').waitFor({ timeout: 12_000 });
    await visible(page.getByText('1 of 8 seats taken'));
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );

    await rosterRow(page, 'Rita Realtime').getByRole('button', { name: 'Actions for Rita Realtime' }).click();
    await page.getByRole('menuitem', { name: 'Cancel booking…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel Rita Realtime’s booking?' });
    await dialog.getByLabel('Reason').fill('The teacher is ill this week.');
    await dialog.getByRole('button', { name: 'Cancel booking' }).click();
    await visible(page.getByRole('status').filter({ hasText: 'Booking cancelled' }));
    await visible(rosterRow(page, 'Rita Realtime').getByText('Cancelled'));
    await visible(rosterRow(page, 'Rita Realtime').getByText('“The teacher is ill this week.”'));
    const [mail] = await server.waitForMail('rita.realtime@example.test', 'Booking cancelled:');
    expect(mail!.text).toContain('The teacher is ill this week.');
  });

  it('cancelling a paid session lists who is refunded how much before confirming', async () => {
    const w = await workshopWithSession({ title: 'Paid Session Lab', price: 2000, currency: 'USD' });
    await paidSeat(w, 'Paula Paid', 'paula.paid@example.test');
    await paidSeat(w, 'Pedro Paid', 'pedro.paid@example.test');
    await book(w, 'Hana Hold', 'hana.hold@example.test');
    const page = await browser.newPage();
    await signInToApp(page, server.baseUrl, DEMO_OWNER);
    await openRoster(page, w.session.id);
    await visible(rosterRow(page, 'Paula Paid').getByText('$20.00 paid'));
    await visible(rosterRow(page, 'Hana Hold').getByText('Not paid yet'));

    await page.getByRole('button', { name: 'Cancel session…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel this session of Paid Session Lab?' });
    const refunds = dialog.getByRole('region', { name: 'Refunds' });
    await visible(refunds.getByRole('row').filter({ hasText: 'Paula Paid' }).getByText('$20.00'));
    await visible(refunds.getByRole('row').filter({ hasText: 'Pedro Paid' }).getByText('$20.00'));
    await visible(refunds.getByRole('row').filter({ hasText: 'Hana Hold' }).getByText('Nothing paid yet'));
    await visible(refunds.getByText('3 bookings cancelled · refunds: $40.00'));
    await dialog.getByLabel('Reason').fill('The studio is closed for repairs.');
    await dialog.getByRole('button', { name: 'Cancel session' }).click();

    await visible(page.getByRole('status').filter({ hasText: 'Session cancelled' }));
    await visible(page.getByText('Session cancelled', { exact: true }));
    await visible(rosterRow(page, 'Paula Paid').getByText('$20.00 refunded'));
    expect(await page.getByRole('button', { name: 'Cancel session…' }).count()).toBe(0);
    const refunded = server.running
      .stripeEmulator!.refunds()
      .filter((r) => r.amount === 2000 && r.status === 'succeeded');
    expect(refunded.length).toBeGreaterThanOrEqual(2);
    await server.waitForMail('pedro.paid@example.test', 'Booking cancelled:');
  });

  it('an admin refunds outside the refund window only when told to (force)', async () => {
    // Twelve hours ahead: inside the demo workshops' 24-hour refund window no more.
    const w = await workshopWithSession({
      title: 'Late Refund Lab',
      price: 1800,
      currency: 'USD',
      startTime: new Date(Math.ceil((Date.now() + 12 * 3_600_000) / 60_000) * 60_000),
    });
    await paidSeat(w, 'Lars Late', 'lars.late@example.test');
    const page = await browser.newPage({ allowConsoleErrors: [expectedStatusError(400)] });
    await signInToApp(page, server.baseUrl, DEMO_OWNER);
    await openRoster(page, w.session.id);
    await rosterRow(page, 'Lars Late').getByRole('button', { name: 'Actions for Lars Late' }).click();
    await page.getByRole('menuitem', { name: 'Refund…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Refund $18.00 to Lars Late?' });
    await dialog.getByRole('button', { name: 'Refund' }).click();
    await visible(
      dialog.getByRole('alert').filter({ hasText: 'The refund window of this workshop has passed' }),
    );
    await dialog.getByLabel('Refund even outside the refund window').check();
    await dialog.getByRole('button', { name: 'Refund' }).click();
    await visible(page.getByRole('status').filter({ hasText: 'Refunded' }));
    await visible(rosterRow(page, 'Lars Late').getByText('$18.00 refunded'));
    // Refunded, not cancelled: the student keeps the seat.
    await visible(rosterRow(page, 'Lars Late').getByText('Confirmed'));
  });

  it('filters the list in the URL and exports it and a roster as CSV', async () => {
    const w = await workshopWithSession({ title: 'Export Lab' });
    await book(w, 'Eva "Export", Jr.', 'eva.export@example.test');
    await book(w, '=Formula Fan', 'formula.fan@example.test');
    const page = await browser.newPage();
    await signInToApp(page, server.baseUrl, DEMO_OWNER);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Bookings' }).click();
    await visible(page.getByRole('heading', { level: 1, name: 'Bookings' }));
    await page.getByLabel('Workshop').selectOption({ label: 'Export Lab' });
    await page.waitForURL((url) => url.searchParams.get('workshopId') === String(w.id));
    const table = page.getByRole('region', { name: 'Bookings' });
    // The unfiltered page stays on screen until the filtered one arrives.
    await expect.poll(() => table.getByRole('row').count()).toBe(3);
    await visible(table.getByRole('row').filter({ hasText: 'formula.fan@example.test' }));
    await page.getByLabel('Status').selectOption('cancelled');
    await visible(page.getByText('No bookings match these filters'));
    await page.getByLabel('Status').selectOption('');
    await visible(table.getByRole('row').filter({ hasText: 'eva.export@example.test' }));

    const list = await downloadCsv(page, page.getByRole('link', { name: 'Export CSV' }));
    expect(list.filename).toMatch(/^bookings-\d{4}-\d{2}-\d{2}\.csv$/);
    const [header, ...rows] = list.rows;
    const attendee = header!.indexOf('Attendee');
    expect(rows.map((r) => r[attendee])).toEqual(["'=Formula Fan", 'Eva "Export", Jr.']);
    expect(rows.every((r) => r[header!.indexOf('Workshop')] === 'Export Lab')).toBe(true);

    // Each row opens its session's roster.
    await table
      .getByRole('link', { name: /^Roster of Export Lab/ })
      .first()
      .click();
    await page.waitForURL((url) => url.pathname === `/app/sessions/${w.session.id}`);
    const roster = await downloadCsv(page, page.getByRole('link', { name: 'Export roster CSV' }));
    expect(roster.filename).toMatch(/^roster-export-lab-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/);
    expect(roster.rows.slice(1).map((r) => r[attendee])).toEqual(['Eva "Export", Jr.', "'=Formula Fan"]);
  });

  it('a teacher sees only their own classes’ bookings and no refunds', async () => {
    const theirs = await workshopWithSession({ title: 'Jane Taught Lab', teacherId: teacher.userId });
    const notTheirs = await workshopWithSession({ title: 'Owner Taught Lab' });
    await book(theirs, 'Tom Taught', 'tom.taught@example.test');
    await book(notTheirs, 'Olga Other', 'olga.other@example.test');
    const page = await browser.newPage({ allowConsoleErrors: [expectedStatusError(403)] });
    await signInToApp(page, server.baseUrl, DEMO_TEACHER);
    await page.goto(`${server.baseUrl}/app/bookings`);
    const table = page.getByRole('region', { name: 'Bookings' });
    await visible(table.getByRole('row').filter({ hasText: 'tom.taught@example.test' }));
    expect(await table.getByText('olga.other@example.test').count()).toBe(0);
    expect(await page.getByLabel('Teacher').count()).toBe(0);
    const teachers = await table.locator('tbody tr td:nth-child(2) div:nth-child(2)').allTextContents();
    expect(new Set(teachers)).toEqual(new Set([DEMO_TEACHER.name]));

    await openRoster(page, theirs.session.id);
    await rosterRow(page, 'Tom Taught').getByRole('button', { name: 'Actions for Tom Taught' }).click();
    await visible(page.getByRole('menuitem', { name: 'Cancel booking…' }));
    expect(await page.getByRole('menuitem', { name: 'Refund…' }).count()).toBe(0);
    await page.keyboard.press('Escape');
    await visible(page.getByRole('button', { name: 'Cancel session…' }));

    await page.goto(`${server.baseUrl}/app/sessions/${notTheirs.session.id}`);
    await visible(page.getByText('This roster belongs to a class you do not teach.'));
  });

  it('has no serious accessibility violation on the list, a roster and the cancel dialog; fits a phone', async () => {
    const w = await workshopWithSession({ title: 'Accessible Lab', price: 1500, currency: 'USD' });
    await paidSeat(w, 'Alma Access', 'alma.access@example.test');
    const page = await browser.newPage({ bypassCSP: true });
    await signInToApp(page, server.baseUrl, DEMO_OWNER);
    await page.goto(`${server.baseUrl}/app/bookings`);
    await visible(page.getByRole('region', { name: 'Bookings' }).getByRole('row'));
    await expectAccessible(page);
    await openRoster(page, w.session.id);
    await visible(rosterRow(page, 'Alma Access'));
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Cancel session…' }).click();
    await visible(page.getByRole('dialog').getByText('1 booking cancelled · refunds: $15.00'));
    await expectAccessible(page);

    const phone = await browser.newPage({ mobile: true });
    await signInToApp(phone, server.baseUrl, DEMO_OWNER);
    await phone.goto(`${server.baseUrl}/app/bookings`);
    await visible(phone.getByRole('list', { name: 'Bookings' }).getByRole('listitem'));
    await expectNoHorizontalScroll(phone, MOBILE_VIEWPORT.width);
    await phone.goto(`${server.baseUrl}/app/sessions/${w.session.id}`);
    await visible(phone.getByRole('list', { name: 'Roster' }).getByText('Alma Access'));
    await expectNoHorizontalScroll(phone, MOBILE_VIEWPORT.width);
  });
});
