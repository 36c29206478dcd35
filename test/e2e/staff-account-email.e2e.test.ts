import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs } from './support/admin.ts';
import { expectAccessible } from './support/axe.ts';
import { expectedStatusError, useBrowser } from './support/browser.ts';
import { screenshot } from './support/screenshots.ts';
import { type E2eServer, startE2eServer } from './support/server.ts';
import { DEMO_OWNER, DEMO_TEACHER, signInToApp } from './support/staff.ts';

// Changing one's sign-in address in the staff app (issue 15, item 6): the form on the account
// page, the "we sent a link" state, the link from the e-mail landing back on the page with a
// toast, and a spent link telling so. axe on every state.

let server: E2eServer;
beforeAll(async () => {
  server = await startE2eServer();
});
afterAll(() => server?.close());

const browser = useBrowser();

/** Waits for a toast (its text also sits in the screen reader's live region: the first match). */
function toast(page: Page, text: string) {
  return page.getByText(text, { exact: true }).first().waitFor();
}

const section = (page: Page) => page.getByRole('region', { name: 'Sign-in address' });

async function fieldError(page: Page, label: string): Promise<string | null> {
  const field = section(page).getByLabel(label, { exact: true });
  const errorId = (await field.getAttribute('aria-describedby'))
    ?.split(' ')
    .find((id) => id.endsWith('-error'));
  return errorId ? page.locator(`[id="${errorId}"]`).textContent() : null;
}

describe('staff account: e-mail address', () => {
  it('asks for a new address, says a link was sent, and changes it when the link is followed', async () => {
    const page = await browser.newPage({
      bypassCSP: true,
      allowConsoleErrors: [expectedStatusError(400), expectedStatusError(409)],
    });
    await signInToApp(page, server.baseUrl, DEMO_TEACHER);
    await page.goto(`${server.baseUrl}/app/account`);
    await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor();
    const form = section(page);
    expect(await form.getByLabel('Email', { exact: true }).inputValue()).toBe(DEMO_TEACHER.email);
    await expectAccessible(page);

    // Checked in the browser with the procedure's own schema, then by the server.
    await form.getByRole('button', { name: 'Send confirmation link' }).click();
    expect(await fieldError(page, 'New address')).toBe('Required');
    expect(await fieldError(page, 'Password')).toBe('Required');
    await form.getByLabel('New address').fill(DEMO_OWNER.email);
    await form.getByLabel('Password', { exact: true }).fill('not-my-password');
    await form.getByRole('button', { name: 'Send confirmation link' }).click();
    await expect.poll(() => fieldError(page, 'Password')).toBe('Is not your current password');
    await form.getByLabel('Password', { exact: true }).fill(DEMO_TEACHER.password);
    await form.getByRole('button', { name: 'Send confirmation link' }).click();
    await expect
      .poll(() => fieldError(page, 'New address'))
      .toBe('Another account already uses this address');
    expect(await form.getByLabel('New address').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);

    const newEmail = `jane.moved-${Date.now()}@example.test`;
    await form.getByLabel('New address').fill(newEmail.toUpperCase());
    await form.getByRole('button', { name: 'Send confirmation link' }).click();
    const notice = form.getByRole('status');
    await notice
      .getByText(`We sent a link to ${newEmail}; your address changes when you click it.`)
      .waitFor();
    // Focus moved to the notice, not lost with the form.
    expect(await notice.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await form.getByLabel('Email', { exact: true }).inputValue()).toBe(DEMO_TEACHER.email);
    await expectAccessible(page);
    await screenshot(page, 'staff-account-email-sent');

    const [mail] = await server.waitForMail(newEmail, 'Confirm your new Immersio Booking e-mail address');
    const link = /Confirm the new address: (\S+)/.exec(mail!.text)![1]!;
    await page.goto(link);
    await toast(page, 'Email address changed');
    await page.waitForURL((url) => url.pathname === '/app/account' && url.search === '');
    await expect.poll(() => section(page).getByLabel('Email', { exact: true }).inputValue()).toBe(newEmail);
    await expectAccessible(page);
    await screenshot(page, 'staff-account-email-changed');

    // The old address no longer signs in; the new one does.
    await expect(signInAs(server.baseUrl, DEMO_TEACHER)).rejects.toThrow();
    await signInAs(server.baseUrl, { email: newEmail, password: DEMO_TEACHER.password });

    // A spent link lands on the page with the reason.
    await page.goto(link);
    await toast(page, 'Your email address was not changed');
    await page
      .getByText(/^The link has expired, was used already/)
      .first()
      .waitFor();
    await expectAccessible(page);
  });
});
