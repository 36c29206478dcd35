import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoWorkshop, type SignedInAdmin, signInAs } from './support/admin.ts';
import { expectAccessible } from './support/axe.ts';
import { useBrowser } from './support/browser.ts';
import { type E2eServer, startE2eServer } from './support/server.ts';
import { DEMO_OWNER, signInToApp } from './support/staff.ts';

// Issue 17's reminders in the workshop form: the minutes before each session students are
// e-mailed, changed (added, removed, turned off), kept across a reload, and the limits (three
// offsets, 5 to 10,080 minutes, numbers only) told on the field before anything is saved.

let server: E2eServer;
let owner: SignedInAdmin;
beforeAll(async () => {
  server = await startE2eServer();
  owner = await signInAs(server.baseUrl, DEMO_OWNER);
});
afterAll(() => server?.close());

const browser = useBrowser();

const LABEL = 'Remind students before each session (minutes)';

async function visible(locator: Locator) {
  await locator.first().waitFor({ state: 'visible' });
}

async function openWorkshop(page: Page, id: number, title: string) {
  await page.goto(`${server.baseUrl}/app/workshops/${id}`);
  await visible(page.getByRole('heading', { level: 1, name: title }));
  await visible(page.getByLabel(LABEL));
}

async function savedOffsets(id: number) {
  return (await owner.trpc.immersio.workshop.get.query({ workshopId: id })).reminderMinutesBefore;
}

/** Types `value`, saves, waits for "Saved", reloads, and returns what the field shows then. */
async function saveAndReload(page: Page, id: number, title: string, value: string) {
  await page.getByLabel(LABEL).fill(value);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText('Saved', { exact: true }).first().waitFor();
  await page.reload();
  await openWorkshop(page, id, title);
  return page.getByLabel(LABEL).inputValue();
}

/** Types `value`, saves, and returns the field's error (the save is refused before sending). */
async function refusal(page: Page, value: string) {
  const field = page.getByLabel(LABEL);
  await field.fill(value);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
  const error = page.locator(`#${await field.getAttribute('id')}-error`);
  await visible(error);
  // The message is read out with the field, after its hint.
  expect(await field.getAttribute('aria-describedby')).toContain(`${await field.getAttribute('id')}-error`);
  return (await error.textContent()) ?? '';
}

describe('reminders in the workshop form', () => {
  it('adds, removes and turns off reminders; each change is kept across a reload', async () => {
    const title = `Reminders Lab ${Date.now()}`;
    const created = await createDemoWorkshop(owner, { title, reminderMinutesBefore: [1440, 60] });
    const page = await browser.newPage({ bypassCSP: true });
    await signInToApp(page, server.baseUrl, DEMO_OWNER);
    await openWorkshop(page, created.id, title);
    expect(await page.getByLabel(LABEL).inputValue()).toBe('1440, 60');
    await expectAccessible(page);

    // A third one, typed first and with a space after a comma: stored and shown latest-first.
    expect(await saveAndReload(page, created.id, title, '15,  1440, 60')).toBe('1440, 60, 15');
    expect(await savedOffsets(created.id)).toEqual([1440, 60, 15]);

    // The bounds themselves are allowed.
    expect(await saveAndReload(page, created.id, title, '10080, 5')).toBe('10080, 5');
    expect(await savedOffsets(created.id)).toEqual([10_080, 5]);

    // One removed.
    expect(await saveAndReload(page, created.id, title, '10080')).toBe('10080');
    expect(await savedOffsets(created.id)).toEqual([10_080]);

    // Off: an empty field.
    expect(await saveAndReload(page, created.id, title, '')).toBe('');
    expect(await savedOffsets(created.id)).toEqual([]);
    await expectAccessible(page);
  });

  it('tells the limit of three and the 5–10,080 minute bounds on the field, and saves none of it', async () => {
    const title = `Reminder Limits ${Date.now()}`;
    const created = await createDemoWorkshop(owner, { title, reminderMinutesBefore: [60] });
    const page = await browser.newPage({ bypassCSP: true });
    await signInToApp(page, server.baseUrl, DEMO_OWNER);
    await openWorkshop(page, created.id, title);

    const limits = 'Up to three reminders, each 5 to 10080 minutes (a week) before the session';
    expect(await refusal(page, '1440, 60, 30, 15')).toBe(limits);
    await expectAccessible(page);
    expect(await refusal(page, '3')).toBe(limits);
    expect(await refusal(page, '10081')).toBe(limits);
    expect(await refusal(page, '60, 60')).toBe('Must not repeat an offset');
    expect(await refusal(page, 'an hour')).toBe('Enter minutes as whole numbers, separated by commas');
    expect(await savedOffsets(created.id)).toEqual([60]);

    // Fixed, it saves, and the message goes.
    const field = page.getByLabel(LABEL);
    await field.fill('120, 30');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved', { exact: true }).first().waitFor();
    expect(await field.getAttribute('aria-invalid')).toBeNull();
    expect(await savedOffsets(created.id)).toEqual([120, 30]);
  });
});
