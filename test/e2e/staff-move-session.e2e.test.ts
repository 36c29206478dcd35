import { DateTime } from 'luxon';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoWorkshop, type SignedInAdmin, signInAs } from './support/admin.ts';
import { expectAccessible } from './support/axe.ts';
import { expectedStatusError, useBrowser } from './support/browser.ts';
import { createBooking, type E2eServer, startE2eServer } from './support/server.ts';
import { DEMO_OWNER, signInToApp } from './support/staff.ts';

// Issue 17's "Move session…" on a session's screen: the dialog (what it will do, the new date and
// time in the session's zone), the move with its booking and the new time shown after; the
// refusals in the dialog (another session of the workshop then, a past time, the same time, no
// date); and the keyboard: focus stays in the dialog, Escape closes it and gives focus back.

const ZONE = 'America/New_York';

let server: E2eServer;
let owner: SignedInAdmin;
beforeAll(async () => {
  server = await startE2eServer();
  owner = await signInAs(server.baseUrl, DEMO_OWNER);
});
afterAll(() => server?.close());

const browser = useBrowser();

async function visible(locator: Locator) {
  await locator.first().waitFor({ state: 'visible' });
}

let classes = 0;

/**
 * A weekly two-session class with one student booked in its first session. It starts on a whole
 * minute (the dialog types minutes, so "the time it has now" must be one it can type), four days
 * ahead, two hours after the previous one (the teacher is never in two classes at once).
 */
async function bookedClass(title: string, student: { name: string; email: string }) {
  const startTime = new Date(
    Math.ceil((Date.now() + 4 * 86_400_000) / 60_000) * 60_000 + classes++ * 7_200_000,
  );
  const created = await createDemoWorkshop(owner, { title, timeZone: ZONE, startTime });
  const { sessions, slug } = await owner.trpc.immersio.workshop.get.query({ workshopId: created.id });
  const [first, second] = sessions as [(typeof sessions)[0], (typeof sessions)[0]];
  await createBooking(server.baseUrl, {
    workshopSlug: slug,
    startTime: first.startTime.toISOString(),
    attendee: { ...student, timeZone: 'Europe/Lisbon' },
  });
  return { id: created.id, first, second };
}

async function openSession(page: Page, sessionId: number, title: string) {
  await page.goto(`${server.baseUrl}/app/sessions/${sessionId}`);
  await visible(page.getByRole('heading', { level: 1, name: title }));
}

function moveDialog(page: Page, title: string) {
  return page.getByRole('dialog', { name: `Move this session of ${title}?` });
}

async function openMoveDialog(page: Page, title: string) {
  await page.getByRole('button', { name: 'Move session…' }).click();
  const dialog = moveDialog(page, title);
  await visible(dialog);
  return dialog;
}

/** Types the new start (wall clock in the session's zone) and presses "Move session". */
async function moveTo(dialog: Locator, at: DateTime) {
  await dialog.getByLabel('New date').fill(at.toFormat('yyyy-MM-dd'));
  await dialog.getByLabel('New start time').fill(at.toFormat('HH:mm'));
  await dialog.getByRole('button', { name: 'Move session', exact: true }).click();
}

async function sessionStart(sessionId: number) {
  return (await owner.trpc.immersio.booking.sessionRoster.query({ sessionId })).session.startTime;
}

/** Whether the focused element is inside the open dialog. */
function focusInDialog(page: Page) {
  return page.evaluate(() => Boolean(document.activeElement?.closest('[role="dialog"]')));
}

/** The focused control as "tag:accessible name" (its label's text, or a button's own). */
function focusedControl(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    if (!el) return '';
    const name = el.labels?.[0]?.textContent ?? el.textContent ?? '';
    return `${el.tagName.toLowerCase()}:${name.trim()}`;
  });
}

describe('moving a session', () => {
  it('moves a booked session to a new time; the dialog confirms it and the screen shows the new time', async () => {
    const title = `Move Lab ${Date.now()}`;
    const student = { name: 'Mira Mover', email: 'mira.mover@example.test' };
    const { first } = await bookedClass(title, student);
    const page = await browser.newPage({ bypassCSP: true });
    await signInToApp(page, server.baseUrl, DEMO_OWNER);
    await openSession(page, first.id, title);
    await visible(page.getByText('1 of 8 seats taken'));
    await expectAccessible(page);

    const dialog = await openMoveDialog(page, title);
    // What will happen, and the current start as the default, in the session's zone.
    await visible(dialog.getByText(`Pick the new start (${ZONE})`, { exact: false }));
    await visible(dialog.getByText('Every attendee gets an e-mail with the new time', { exact: false }));
    const old = DateTime.fromJSDate(first.startTime, { zone: ZONE });
    expect(await dialog.getByLabel('New date').inputValue()).toBe(old.toFormat('yyyy-MM-dd'));
    expect(await dialog.getByLabel('New start time').inputValue()).toBe(old.toFormat('HH:mm'));
    await expectAccessible(page);

    // The next day at 06:15 in New York, with a reason for the students.
    const target = old.plus({ days: 1 }).set({ hour: 6, minute: 15, second: 0, millisecond: 0 });
    await dialog.getByLabel('Reason').fill('The teacher is travelling that evening.');
    await moveTo(dialog, target);
    await visible(page.getByText('Session moved', { exact: true }));
    await visible(page.getByText('1 booking moved with it', { exact: false }));
    await moveDialog(page, title).waitFor({ state: 'detached' });

    // The screen shows the new day and time; the server has it; the student is told.
    const header = page.getByRole('main');
    await expect
      .poll(async () => (await header.textContent()) ?? '')
      .toContain(target.setLocale('en-US').toFormat('cccc, MMMM d, yyyy'));
    expect((await header.textContent()) ?? '').toMatch(/6:15[\s\u202f]AM/);
    expect((await sessionStart(first.id)).toISOString()).toBe(target.toUTC().toISO());
    const [mail] = await server.waitForMail(student.email, 'Booking moved:');
    expect(mail!.text).toContain('The teacher is travelling that evening.');
    await expectAccessible(page);
  });

  it('shows the refusals in the dialog and keeps the session where it was', async () => {
    const title = `Move Refusals ${Date.now()}`;
    const { first, second } = await bookedClass(title, { name: 'Rita Refused', email: 'rita@example.test' });
    const page = await browser.newPage({
      bypassCSP: true,
      allowConsoleErrors: [expectedStatusError(409), expectedStatusError(400)],
    });
    await signInToApp(page, server.baseUrl, DEMO_OWNER);
    await openSession(page, first.id, title);
    const dialog = await openMoveDialog(page, title);
    const alert = dialog.getByRole('alert');

    // Onto the workshop's other session: the server's words, under the form.
    await moveTo(dialog, DateTime.fromJSDate(second.startTime, { zone: ZONE }));
    await visible(alert.filter({ hasText: `"${title}" already has a session at` }));
    await expectAccessible(page);

    // A time already past.
    await moveTo(dialog, DateTime.now().setZone(ZONE).minus({ days: 1 }).set({ hour: 10, minute: 0 }));
    await visible(alert.filter({ hasText: 'the new start must be in the future' }));

    // The time it has now.
    await moveTo(dialog, DateTime.fromJSDate(first.startTime, { zone: ZONE }));
    await visible(alert.filter({ hasText: 'the session already starts at this time' }));

    // No date: refused on the field, before anything is sent.
    await dialog.getByLabel('New date').fill('');
    await dialog.getByRole('button', { name: 'Move session', exact: true }).click();
    await expect.poll(() => dialog.getByLabel('New date').getAttribute('aria-invalid')).toBe('true');
    await visible(dialog.getByText('Choose a date', { exact: true }));

    // "Keep the time" closes it; nothing moved.
    await dialog.getByRole('button', { name: 'Keep the time' }).click();
    await moveDialog(page, title).waitFor({ state: 'detached' });
    expect((await sessionStart(first.id)).toISOString()).toBe(first.startTime.toISOString());
  });

  it('traps the focus inside the dialog; Escape closes it and gives the focus back', async () => {
    const title = `Move Keyboard ${Date.now()}`;
    const { first } = await bookedClass(title, { name: 'Kai Keys', email: 'kai.keys@example.test' });
    const page = await browser.newPage();
    await signInToApp(page, server.baseUrl, DEMO_OWNER);
    await openSession(page, first.id, title);

    const opener = page.getByRole('button', { name: 'Move session…' });
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = moveDialog(page, title);
    await visible(dialog);
    await expect.poll(() => focusInDialog(page)).toBe(true);

    // Twice round the dialog's controls, both ways (a date or time input takes a Tab per part):
    // the focus reaches each of them and never leaves.
    const controls = new Set<string>();
    for (const key of ['Tab', 'Shift+Tab']) {
      for (let i = 0; i < 30; i++) {
        await page.keyboard.press(key);
        expect(await focusInDialog(page), `focus after ${i + 1} × ${key}`).toBe(true);
        controls.add(await focusedControl(page));
      }
    }
    expect([...controls].sort()).toEqual(
      [
        'button:Keep the time',
        'button:Move session',
        'input:New date',
        'input:New start time',
        'textarea:Reason',
      ].sort(),
    );

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent?.trim()))
      .toBe('Move session…');
    expect((await sessionStart(first.id)).toISOString()).toBe(first.startTime.toISOString());
  });
});
