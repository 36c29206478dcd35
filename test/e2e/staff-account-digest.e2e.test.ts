import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './support/axe.ts';
import { useBrowser } from './support/browser.ts';
import { type E2eServer, startE2eServer } from './support/server.ts';
import { DEMO_TEACHER, signInToApp } from './support/staff.ts';

// The daily digest switch on the account page (issue 17): on by default, saved on change, kept
// after a reload, labelled and described for assistive technology. axe on both states.

let server: E2eServer;
beforeAll(async () => {
  server = await startE2eServer();
});
afterAll(() => server?.close());

const browser = useBrowser();

function toast(page: Page, text: string) {
  return page.getByText(text, { exact: true }).first().waitFor();
}

const digest = (page: Page) =>
  page.getByRole('region', { name: 'E-mails' }).getByRole('checkbox', { name: 'Daily digest' });

describe('staff account: daily digest', () => {
  it('turns the digest off and on again, and the page remembers', async () => {
    const page = await browser.newPage({ bypassCSP: true });
    await signInToApp(page, server.baseUrl, DEMO_TEACHER);
    await page.goto(`${server.baseUrl}/app/account`);
    await digest(page).waitFor();
    expect(await digest(page).isChecked()).toBe(true);
    const describedBy = await digest(page).getAttribute('aria-describedby');
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toContain(
      "An e-mail at 7:00 your time listing your day's classes and who booked",
    );
    await expectAccessible(page);

    await digest(page).click();
    await toast(page, 'Daily digest off');
    expect(await digest(page).isChecked()).toBe(false);
    await page.reload();
    await digest(page).waitFor();
    await expect.poll(() => digest(page).isChecked()).toBe(false);
    await expectAccessible(page);

    await digest(page).click();
    await toast(page, 'Daily digest on');
    await page.reload();
    await digest(page).waitFor();
    await expect.poll(() => digest(page).isChecked()).toBe(true);
  });
});
