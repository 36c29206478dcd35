import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/axe.ts';
import { expectedStatusError, useBrowser } from './support/browser.ts';
import { expectNoHorizontalScroll } from './support/layout.ts';
import { screenshot } from './support/screenshots.ts';
import { type E2eServer, startE2eServer } from './support/server.ts';
import { DEMO_OWNER, DEMO_TEACHER, signInToApp } from './support/staff.ts';

// The staff app's availability: schedules listed per teacher, created, edited (weekly hours and
// date overrides, checked by the procedure's own schema), made default and deleted; a teacher's
// own view; the workshop form's slot settings; all of it on a 375 px phone.

let server: E2eServer;
beforeAll(async () => {
  server = await startE2eServer();
});
afterAll(() => server?.close());

const browser = useBrowser();

/** Waits for a toast (its text also sits in the screen reader's live region: exact match). */
function toast(page: Page, text: string) {
  return page.getByText(text, { exact: true }).first().waitFor();
}

async function openAvailability(page: Page) {
  await page.goto(`${server.baseUrl}/app/availability`);
  await page.getByRole('heading', { name: 'Availability', level: 1 }).waitFor();
  await page.getByText(/^\d+ schedules?$/).waitFor();
}

const schedulesList = (page: Page) => page.getByRole('main').getByRole('listitem');

/** Creates a schedule through the list's dialog and waits for its editor. Returns its path. */
async function createSchedule(page: Page, name: string, teacher?: string): Promise<string> {
  await page.getByRole('button', { name: 'New schedule' }).click();
  const dialog = page.getByRole('dialog', { name: 'New schedule' });
  if (teacher) await dialog.getByLabel('Teacher', { exact: true }).selectOption({ label: teacher });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByRole('button', { name: 'Create schedule' }).click();
  await page.waitForURL((url) => /^\/app\/availability\/\d+$/.test(url.pathname));
  await page.getByRole('heading', { name, level: 1 }).waitFor();
  return new URL(page.url()).pathname;
}

const day = (n: number) => DateTime.now().plus({ days: n }).toFormat('yyyy-MM-dd');

describe('staff availability', () => {
  it('an owner edits a teacher’s hours and overrides, sees them after a reload, sets the default and deletes', async () => {
    const page = await browser.newPage({ bypassCSP: true });
    await signInToApp(page, server.baseUrl, DEMO_OWNER);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Availability' }).click();
    await page.getByText(/^\d+ schedules?$/).waitFor();
    // Every teacher starts with a default schedule: the owner's and Jane's.
    for (const name of [DEMO_OWNER.name, DEMO_TEACHER.name]) {
      await schedulesList(page).filter({ hasText: name }).filter({ hasText: 'Default' }).first().waitFor();
    }
    await expectAccessible(page);

    // One teacher's, chosen in the URL.
    await page.getByLabel('Teacher').selectOption({ label: DEMO_TEACHER.name });
    await page.waitForURL((url) => url.searchParams.has('teacherId'));
    await expect.poll(() => schedulesList(page).filter({ hasText: DEMO_OWNER.name }).count()).toBe(0);

    // New: the dialog takes the chosen teacher, then the editor opens.
    await page.getByRole('button', { name: 'New schedule' }).click();
    const dialog = page.getByRole('dialog', { name: 'New schedule' });
    await dialog.getByRole('button', { name: 'Create schedule' }).click();
    await dialog.getByText('Required').waitFor();
    await expectAccessible(page);
    await page.keyboard.press('Escape');
    const name = `Summer hours ${Date.now()}`;
    const editorPath = await createSchedule(page, name);
    await page.getByText(`${DEMO_TEACHER.name} · America/New_York`).waitFor();
    await expectAccessible(page);

    // The procedure's schema checks the hours before anything is sent.
    await page.getByLabel('Monday, hours 1, until').fill('08:00');
    await page.getByRole('button', { name: 'Save schedule' }).click();
    await page.getByText(/^A range ends after it starts/).waitFor();
    expect(await page.getByLabel('Monday, hours 1, until').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Monday, hours 1, until').fill('12:00');
    await page.getByRole('button', { name: 'Add hours to Monday' }).click();
    await page.getByLabel('Monday, hours 2, from').fill('11:00');
    await page.getByLabel('Monday, hours 2, until').fill('15:00');
    await page.getByRole('button', { name: 'Save schedule' }).click();
    await page.getByText('The ranges of a day must not overlap').waitFor();
    await expectAccessible(page);
    await page.getByLabel('Monday, hours 2, from').fill('13:00');
    await page.getByLabel('Monday, hours 2, until').fill('17:30');
    // Rechecked as it changes, once a save has been tried.
    await expect.poll(() => page.getByText('The ranges of a day must not overlap').count()).toBe(0);

    // Tuesday off, Saturday on until midnight.
    await page.getByLabel('Tuesday', { exact: true }).uncheck();
    await page.getByLabel('Saturday', { exact: true }).check();
    await page.getByLabel('Saturday, hours 1, from').fill('18:00');
    await page.getByLabel('Saturday, hours 1, until').fill('00:00');

    // Overrides: a day off, and other hours on another date.
    await page.getByRole('button', { name: 'Add a date' }).click();
    await page.getByLabel('Date of override 1').fill(day(10));
    await page.getByRole('button', { name: 'Add a date' }).click();
    await page.getByLabel('Date of override 2').fill(day(12));
    await page.getByLabel('On that date (override 2)').selectOption('hours');
    await page.getByLabel(`Override ${day(12)}, hours 1, from`).fill('13:00');
    await page.getByLabel(`Override ${day(12)}, hours 1, until`).fill('15:00');
    await expectAccessible(page);
    await screenshot(page, 'staff-availability-editor');
    await page.getByRole('button', { name: 'Save schedule' }).click();
    await toast(page, 'Schedule saved');

    // After a reload, from the server.
    await page.reload();
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    const value = (label: string) => page.getByLabel(label).inputValue();
    expect(await value('Monday, hours 1, from')).toBe('09:00');
    expect(await value('Monday, hours 1, until')).toBe('12:00');
    expect(await value('Monday, hours 2, from')).toBe('13:00');
    expect(await value('Monday, hours 2, until')).toBe('17:30');
    expect(await page.getByLabel('Tuesday', { exact: true }).isChecked()).toBe(false);
    expect(await page.getByLabel('Saturday', { exact: true }).isChecked()).toBe(true);
    expect(await value('Saturday, hours 1, until')).toBe('00:00');
    expect(await value('Date of override 1')).toBe(day(10));
    expect(await value('On that date (override 1)')).toBe('off');
    expect(await value('Date of override 2')).toBe(day(12));
    expect(await value('On that date (override 2)')).toBe('hours');
    expect(await value(`Override ${day(12)}, hours 1, until`)).toBe('15:00');

    // In the list, summarised.
    await openAvailability(page);
    const row = schedulesList(page).filter({ hasText: name });
    await row.getByText('Mon 09:00–12:00, 13:00–17:30').waitFor();
    await row.getByText('Wed–Fri 09:00–17:00').waitFor();
    await row.getByText('Sat 18:00–24:00').waitFor();
    await row.getByText('2 dates').waitFor();

    // Default: from the editor; the default offers no delete, and the old one becomes plain.
    await page.goto(`${server.baseUrl}${editorPath}`);
    await page.getByRole('button', { name: 'Make default' }).click();
    await toast(page, `“${name}” is now ${DEMO_TEACHER.name}’s default`);
    await page.getByRole('main').getByText('Default', { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Delete' }).count()).toBe(0);

    await openAvailability(page);
    const janes = schedulesList(page).filter({ hasText: DEMO_TEACHER.name });
    await janes
      .filter({ hasText: name })
      .getByRole('button', { name: /^Actions for/ })
      .click();
    await page.getByRole('menuitem', { name: 'Edit' }).waitFor();
    expect(await page.getByRole('menuitem', { name: /Delete|Make default/ }).count()).toBe(0);
    await page.keyboard.press('Escape');
    await janes
      .filter({ hasText: 'Working hours' })
      .getByRole('button', { name: /^Actions for/ })
      .click();
    await page.getByRole('menuitem', { name: 'Make default' }).click();
    await toast(page, `“Working hours” is now ${DEMO_TEACHER.name}’s default`);

    // Delete, after confirming.
    await janes
      .filter({ hasText: name })
      .getByRole('button', { name: /^Actions for/ })
      .click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete this schedule?' });
    await confirm
      .getByText(`Workshops that used it follow ${DEMO_TEACHER.name}’s default schedule`)
      .waitFor();
    await expectAccessible(page);
    await confirm.getByRole('button', { name: 'Delete schedule' }).click();
    await toast(page, `“${name}” deleted`);
    await expect.poll(() => schedulesList(page).filter({ hasText: name }).count()).toBe(0);
  });

  it('a teacher sees and edits only their own schedules', async () => {
    // The owner makes one of her own first; Jane must not see it, nor open it.
    const owner = await browser.newPage({ bypassCSP: true });
    await signInToApp(owner, server.baseUrl, DEMO_OWNER);
    await openAvailability(owner);
    const ownersName = `Owner evenings ${Date.now()}`;
    const ownersPath = await createSchedule(owner, ownersName, DEMO_OWNER.name);

    const page = await browser.newPage({ bypassCSP: true, allowConsoleErrors: [expectedStatusError(403)] });
    await signInToApp(page, server.baseUrl, DEMO_TEACHER);
    await openAvailability(page);
    expect(await page.getByLabel('Teacher').count()).toBe(0);
    await schedulesList(page).filter({ hasText: 'Working hours' }).waitFor();
    expect(await schedulesList(page).filter({ hasText: ownersName }).count()).toBe(0);
    await expectAccessible(page);

    // Her own: created and edited like any.
    const name = `Jane’s Sundays ${Date.now()}`;
    await createSchedule(page, name);
    await page.getByLabel('Sunday', { exact: true }).check();
    await page.getByRole('button', { name: 'Save schedule' }).click();
    await toast(page, 'Schedule saved');
    await expectAccessible(page);
    await openAvailability(page);
    await schedulesList(page).filter({ hasText: name }).getByText('Sun 09:00–17:00').waitFor();

    // Another teacher's, by its address: refused by the server, said plainly.
    await page.goto(`${server.baseUrl}${ownersPath}`);
    await page.getByText('It belongs to another teacher').waitFor();
    await expectAccessible(page);
  });

  it('the workshop form books by the teacher’s availability, with its slot settings', async () => {
    const page = await browser.newPage({ bypassCSP: true });
    await signInToApp(page, server.baseUrl, DEMO_OWNER);
    await page.goto(`${server.baseUrl}/app/workshops/new`);
    await page.getByRole('heading', { name: 'New workshop' }).waitFor();
    await page.getByLabel('By the teacher’s availability').check();
    await page
      .getByLabel('Teacher', { exact: true })
      .selectOption({ label: `${DEMO_TEACHER.name} (America/New_York)` });
    const scheduleSelect = page.getByLabel('Availability schedule');
    await scheduleSelect
      .locator('option', { hasText: 'Working hours' })
      .first()
      .waitFor({ state: 'attached' });
    expect(await page.getByLabel('First session date').count()).toBe(0);
    await expectAccessible(page);

    const title = `Tutoring by slot ${Date.now()}`;
    await page.getByLabel('Title', { exact: true }).fill(title);
    await page.getByLabel('Type', { exact: true }).selectOption('tutoring');
    await page.getByLabel('Location 1 meeting link').fill('https://zoom.us/j/5550002');
    await page.getByLabel('Seats').fill('1');
    await page.getByLabel('Slot interval (minutes)').fill('3');
    await page.getByRole('button', { name: 'Create workshop' }).click();
    await page.getByText('Too small: expected number to be >=5').waitFor();
    await page.getByLabel('Slot interval (minutes)').fill('30');
    await page.getByLabel('Buffer before (minutes)').fill('10');
    await page.getByLabel('Buffer after (minutes)').fill('15');
    await page.getByLabel('Minimum notice (minutes)').fill('240');
    await page.getByLabel('Booking horizon (days)').fill('30');
    await page.getByLabel('Most bookings per day').fill('4');
    await page.getByRole('button', { name: 'Create workshop' }).click();
    await page.waitForURL((url) => /^\/app\/workshops\/\d+$/.test(url.pathname));
    await page.getByRole('heading', { name: title }).waitFor();

    // The details tab reads the settings back from the server.
    expect(await page.getByLabel('By the teacher’s availability').isChecked()).toBe(true);
    const value = (label: string) => page.getByLabel(label).inputValue();
    expect(await value('Slot interval (minutes)')).toBe('30');
    expect(await value('Buffer before (minutes)')).toBe('10');
    expect(await value('Buffer after (minutes)')).toBe('15');
    expect(await value('Minimum notice (minutes)')).toBe('240');
    expect(await value('Booking horizon (days)')).toBe('30');
    expect(await value('Most bookings per day')).toBe('4');
    await expectAccessible(page);

    // Edit: no daily limit any more.
    await page.getByLabel('Most bookings per day').fill('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await toast(page, 'Saved');
    await page.reload();
    await page.getByRole('heading', { name: title }).waitFor();
    expect(await value('Most bookings per day')).toBe('');
  });

  it('fits a 375 px phone: the list, the editor and the slot settings scroll only down', async () => {
    const page = await browser.newPage({ mobile: true });
    // On a phone the navigation sits behind the menu button, so signInToApp's wait does not apply.
    await page.goto(`${server.baseUrl}/app/sign-in`);
    await page.getByLabel('Email').fill(DEMO_OWNER.email);
    await page.getByLabel('Password').fill(DEMO_OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/app/');
    await openAvailability(page);
    await expectNoHorizontalScroll(page, 375);
    await screenshot(page, 'staff-availability-list-375');

    await schedulesList(page).first().getByRole('link').first().click();
    await page.getByRole('button', { name: 'Save schedule' }).waitFor();
    await page.getByRole('button', { name: 'Add hours to Monday' }).click();
    await page.getByRole('button', { name: 'Add a date' }).click();
    await page.getByLabel('On that date (override 1)').selectOption('hours');
    await page.getByRole('button', { name: 'Save schedule' }).click();
    await page.getByText('Required').first().waitFor();
    await expectNoHorizontalScroll(page, 375);
    await screenshot(page, 'staff-availability-editor-375');

    await page.goto(`${server.baseUrl}/app/workshops/new`);
    await page.getByRole('heading', { name: 'New workshop' }).waitFor();
    await page.getByLabel('By the teacher’s availability').check();
    // The teacher shown is the one whose schedules are offered: the signed-in owner.
    await page
      .getByLabel('Availability schedule')
      .locator('option', { hasText: 'Working hours' })
      .first()
      .waitFor({ state: 'attached' });
    const teacher = page.getByLabel('Teacher', { exact: true }).locator('option:checked');
    expect(await teacher.textContent()).toContain(DEMO_OWNER.name);
    await expectNoHorizontalScroll(page, 375);
    await screenshot(page, 'staff-workshop-slots-375');
  });
});
