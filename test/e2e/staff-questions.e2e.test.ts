import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoWorkshop, type SignedInAdmin, signInAs } from './support/admin.ts';
import { expectAccessible, expectCurrentStateAccessible, expectUrlAccessible } from './support/axe.ts';
import { expectedStatusError, useBrowser } from './support/browser.ts';
import { DEMO_TENANT, type E2eServer, startE2eServer } from './support/server.ts';
import { DEMO_OWNER, signInToApp } from './support/staff.ts';

// Issue 17's booking questions, end to end: the workshop form's editor (add, a choice without
// options refused on its field, save, reload, remove), the public booking form asking them (a
// missing required answer named in the refusal), and the answers in the staff roster.

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

/** Waits for a toast (its text also sits in the screen reader's live region: exact match). */
function toast(page: Page, text: string) {
  return page.getByText(text, { exact: true }).first().waitFor();
}

/** The editor's box of question `n` (1-based): its "Required" box and buttons are found in it. */
function questionBox(page: Page, n: number) {
  return page.locator('div.rounded-md').filter({ has: page.getByLabel(`Question ${n}`, { exact: true }) });
}

async function openWorkshop(page: Page, id: number, title: string) {
  await page.goto(`${server.baseUrl}/app/workshops/${id}`);
  await visible(page.getByRole('heading', { level: 1, name: title }));
  await visible(page.getByRole('button', { name: 'Add a question' }));
}

async function save(page: Page) {
  await page.getByRole('button', { name: 'Save changes' }).click();
}

async function savedQuestions(id: number) {
  return (await owner.trpc.immersio.workshop.get.query({ workshopId: id })).questions;
}

describe('booking questions', () => {
  it('the editor adds, refuses a choice without options, keeps them across a reload and removes one', async () => {
    const title = `Questions Lab ${Date.now()}`;
    const created = await createDemoWorkshop(owner, { title });
    const page = await browser.newPage({ bypassCSP: true });
    await signInToApp(page, server.baseUrl, DEMO_OWNER);
    await openWorkshop(page, created.id, title);
    expect(await page.getByLabel('Question 1', { exact: true }).count()).toBe(0);
    await expectAccessible(page);

    // A required short answer, a choice (its options not typed yet) and a paragraph.
    await page.getByRole('button', { name: 'Add a question' }).click();
    await page.getByLabel('Question 1', { exact: true }).fill('Your level');
    expect(await page.getByLabel('Question 1 type').inputValue()).toBe('short_text');
    await questionBox(page, 1).getByRole('checkbox', { name: 'Required' }).check();
    await page.getByRole('button', { name: 'Add a question' }).click();
    await page.getByLabel('Question 2', { exact: true }).fill('Format');
    expect(await page.getByLabel('Question 2 options').count()).toBe(0);
    await page.getByLabel('Question 2 type').selectOption('single_choice');
    await page.getByRole('button', { name: 'Add a question' }).click();
    await page.getByLabel('Question 3', { exact: true }).fill('Anything else?');
    await page.getByLabel('Question 3 type').selectOption('long_text');

    // A choice with no option is refused on its options, before anything is sent.
    await save(page);
    const options = page.getByLabel('Question 2 options');
    await expect.poll(() => options.getAttribute('aria-invalid')).toBe('true');
    const optionsError = page.locator(`#${await options.getAttribute('id')}-error`);
    await visible(optionsError);
    expect(await optionsError.textContent()).toBe('Add at least one option, one per line');
    expect(await savedQuestions(created.id)).toEqual([]);
    await expectAccessible(page);

    await options.fill('Online\nIn person\n');
    await save(page);
    await toast(page, 'Saved');
    expect(await savedQuestions(created.id)).toEqual([
      expect.objectContaining({ label: 'Your level', type: 'short_text', required: true }),
      expect.objectContaining({ label: 'Format', type: 'single_choice', options: ['Online', 'In person'] }),
      expect.objectContaining({ label: 'Anything else?', type: 'long_text', required: false }),
    ]);

    // Kept across a reload, in order, with their types, options and "Required".
    await page.reload();
    await openWorkshop(page, created.id, title);
    expect(await page.getByLabel('Question 1', { exact: true }).inputValue()).toBe('Your level');
    expect(await questionBox(page, 1).getByRole('checkbox', { name: 'Required' }).isChecked()).toBe(true);
    expect(await page.getByLabel('Question 2', { exact: true }).inputValue()).toBe('Format');
    expect(await page.getByLabel('Question 2 type').inputValue()).toBe('single_choice');
    expect(await page.getByLabel('Question 2 options').inputValue()).toBe('Online\nIn person');
    expect(await questionBox(page, 2).getByRole('checkbox', { name: 'Required' }).isChecked()).toBe(false);
    expect(await page.getByLabel('Question 3', { exact: true }).inputValue()).toBe('Anything else?');
    expect(await page.getByRole('button', { name: 'Move question 1 up' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Move question 3 down' }).isDisabled()).toBe(true);
    await expectAccessible(page);

    // Remove the paragraph; the two others stay, and so after a reload.
    await page.getByRole('button', { name: 'Remove question 3' }).click();
    expect(await page.getByLabel('Question 3', { exact: true }).count()).toBe(0);
    await save(page);
    await toast(page, 'Saved');
    await page.reload();
    await openWorkshop(page, created.id, title);
    expect(await page.getByLabel('Question 2', { exact: true }).inputValue()).toBe('Format');
    expect(await page.getByLabel('Question 3', { exact: true }).count()).toBe(0);
    expect((await savedQuestions(created.id)).map((q) => q.label)).toEqual(['Your level', 'Format']);
  });

  it('the booking form asks them, names a missing required answer, and the roster shows the answers', async () => {
    const title = `Asked Questions ${Date.now()}`;
    const created = await createDemoWorkshop(owner, {
      title,
      questions: [
        { id: 'level', label: 'Your level', type: 'short_text', required: true },
        {
          id: 'format',
          label: 'Format',
          type: 'single_choice',
          required: false,
          options: ['Online', 'In person'],
        },
      ],
    });

    // The school's landing page → the workshop's page.
    const page = await browser.newPage({ allowConsoleErrors: [expectedStatusError(400)] });
    await page.goto(`${server.baseUrl}/${DEMO_TENANT}`);
    await Promise.all([
      page.waitForURL((url) => url.pathname !== `/${DEMO_TENANT}`),
      page.getByRole('link', { name: `View dates and book: ${title}`, exact: true }).click(),
    ]);
    await visible(page.getByRole('heading', { level: 1, name: title }));
    const workshopUrl = page.url();
    await expectUrlAccessible(browser, workshopUrl);

    const level = page.getByLabel('Your level', { exact: true });
    const format = page.getByLabel('Format (optional)');
    await visible(level);
    expect(await format.locator('option').allTextContents()).toEqual(['Choose…', 'Online', 'In person']);

    const radio = page.getByRole('group', { name: 'Choose a session' }).getByRole('radio').first();
    await radio.check();
    const startTime = (await radio.getAttribute('value'))!;
    await page.getByLabel('Your name').fill('Quinn Question');
    await page.getByLabel('E-mail').fill('quinn.question@example.test');

    // Left empty: the browser itself asks for it, and nothing is sent.
    let posted = false;
    page.on('request', (request) => {
      if (request.method() === 'POST') posted = true;
    });
    await page.getByRole('button', { name: 'Book now' }).click();
    expect(await level.evaluate((el) => (el as HTMLInputElement).validity.valueMissing)).toBe(true);
    expect(posted).toBe(false);

    // Only spaces get past the browser; the service refuses, naming the question.
    await level.fill('   ');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Book now' }).click(),
    ]);
    expect(refused.status()).toBe(400);
    const alert = page.getByRole('alert').filter({ hasText: 'Please check your answers' });
    await visible(alert);
    expect(await alert.textContent()).toContain('"Your level" is required');
    expect(await page.getByLabel('E-mail').inputValue()).toBe('quinn.question@example.test');
    await expectCurrentStateAccessible(browser, page);

    await page.getByLabel('Your level', { exact: true }).fill('Intermediate (B1)');
    await page.getByLabel('Format (optional)').selectOption('In person');
    // The session chosen is kept through the refusal.
    expect(await page.getByRole('radio', { checked: true }).getAttribute('value')).toBe(startTime);
    await Promise.all([
      page.waitForURL(/\/bookings\/[^/?]+\?token=[^&]+&booked=1(#book)?$/),
      page.getByRole('button', { name: 'Book now' }).click(),
    ]);
    await visible(page.getByRole('heading', { name: 'Status: Confirmed' }));

    // The staff roster of that session shows the answers under the questions' labels.
    const { sessions } = await owner.trpc.immersio.workshop.get.query({ workshopId: created.id });
    const session = sessions.find((s) => s.startTime.toISOString() === new Date(startTime).toISOString())!;
    const staff = await browser.newPage({ bypassCSP: true });
    await signInToApp(staff, server.baseUrl, DEMO_OWNER);
    await staff.goto(`${server.baseUrl}/app/sessions/${session.id}`);
    const row = staff
      .getByRole('region', { name: 'Roster' })
      .getByRole('row')
      .filter({ hasText: 'Quinn Question' });
    await visible(row);
    const answers = row.locator('dl');
    expect(await answers.locator('dt').allTextContents()).toEqual(['Your level', 'Format']);
    expect(await answers.locator('dd').allTextContents()).toEqual(['Intermediate (B1)', 'In person']);
    await expectAccessible(staff);
  });
});
