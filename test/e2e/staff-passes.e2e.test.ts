import { TRPCClientError } from '@trpc/client';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAs } from './support/admin.ts';
import { expectAccessible, expectUrlAccessible } from './support/axe.ts';
import { useBrowser } from './support/browser.ts';
import { expectNoHorizontalScroll } from './support/layout.ts';
import { screenshot } from './support/screenshots.ts';
import { DEMO_TENANT, type E2eServer, startE2eServer } from './support/server.ts';
import { DEMO_OWNER, DEMO_TEACHER, signInToApp } from './support/staff.ts';

// The staff app's class passes (issue 16): an owner puts a pass on sale for one workshop, a
// student buys it on the school's passes page through the emulator's checkout and sees it on its
// page, the owner gives the student classes with a reason and reads the pass's history; a teacher
// reads the passes but changes nothing.

let server: E2eServer;
beforeAll(async () => {
  server = await startE2eServer();
});
afterAll(() => server?.close());

const browser = useBrowser();

async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'OK';
  } catch (error) {
    if (error instanceof TRPCClientError) return (error.data as { appCode: string }).appCode;
    throw error;
  }
}

const passRows = (page: Page) => page.getByRole('table', { name: 'Passes of this school' }).getByRole('row');
const holderRows = (page: Page) =>
  page.getByRole('table', { name: 'Passes students bought, newest first' }).getByRole('row');

describe('staff class passes', () => {
  it('an owner sells a pass, a student buys it, the owner gives classes and reads the history', async () => {
    const page = await browser.newPage({ bypassCSP: true });
    await signInToApp(page, server.baseUrl, DEMO_OWNER);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Class passes' }).click();
    await page.getByRole('heading', { name: 'Class passes', level: 1 }).waitFor();
    await page.getByText('No passes yet').waitFor();
    await page.getByText('No passes sold yet').waitFor();
    await expectAccessible(page);

    // The procedure's own schema checks the form before anything is sent.
    await page.getByRole('button', { name: 'New pass' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New pass' });
    await dialog.getByRole('button', { name: 'Create pass' }).click();
    await dialog.getByText('Required').first().waitFor();
    await dialog.getByLabel('Name').fill('Ten Spanish classes');
    await dialog.getByLabel('Classes').fill('10');
    await dialog.getByLabel('Price').fill('120');
    await dialog.getByLabel('Currency').selectOption('USD');
    await dialog.getByLabel('Only the workshops chosen below').check();
    await dialog.getByRole('button', { name: 'Create pass' }).click();
    await dialog.getByText('Choose at least one workshop.').waitFor();
    await expectAccessible(page);
    await dialog.getByLabel('Conversational Spanish').check();
    await dialog.getByRole('button', { name: 'Create pass' }).click();
    await page.getByText('“Ten Spanish classes” is on sale', { exact: true }).first().waitFor();
    const row = passRows(page).filter({ hasText: 'Ten Spanish classes' });
    await row.getByText('$120.00').waitFor();
    await row.getByText('Conversational Spanish').waitFor();
    await row.getByText('On sale').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'staff-passes');

    // A student buys it on the school's passes page and pays at the emulator's checkout.
    const student = { name: 'Sam Student', email: 'sam.pass@example.test' };
    const shop = await browser.newPage();
    await shop.goto(`${server.baseUrl}/${DEMO_TENANT}/passes`);
    await shop.getByRole('heading', { name: 'Ten Spanish classes' }).waitFor();
    const card = shop.getByRole('region', { name: 'Ten Spanish classes' });
    await screenshot(shop, 'public-passes');
    await card.getByLabel('Your name').fill(student.name);
    await card.getByLabel('E-mail').fill(student.email);
    await Promise.all([
      shop.waitForURL(/\/checkout\/cs_test_/),
      card.getByRole('button', { name: 'Buy for $120.00' }).click(),
    ]);
    await Promise.all([
      shop.waitForURL(
        (url) => url.origin === server.baseUrl && url.searchParams.get('checkout') === 'success',
      ),
      shop.getByRole('button', { name: /^Pay / }).click(),
    ]);
    const ready = shop.getByRole('heading', { name: 'Status: Active' });
    await expect
      .poll(
        async () => {
          if (await ready.count()) return true;
          await shop.reload();
          return false;
        },
        { timeout: 10_000, interval: 250 },
      )
      .toBe(true);
    await shop.getByText('10 classes left of 10').waitFor();
    await server.waitForMail(student.email, 'Your class pass');
    await screenshot(shop, 'public-pass-manage');
    await expectUrlAccessible(browser, shop.url());
    await expectUrlAccessible(browser, `${server.baseUrl}/${DEMO_TENANT}/passes`);

    // The owner sees it sold and gives the student two classes, with a reason.
    await page.reload();
    const holder = holderRows(page).filter({ hasText: student.email });
    await holder.getByText('10 of 10').waitFor();
    await passRows(page)
      .filter({ hasText: 'Ten Spanish classes' })
      .getByRole('cell', { name: '1' })
      .first()
      .waitFor();
    await page.getByRole('button', { name: `Change ${student.name}’s classes` }).click();
    const adjust = page.getByRole('dialog', { name: `Change ${student.name}’s classes` });
    await adjust.getByLabel('Classes').fill('2');
    await adjust.getByRole('button', { name: 'Save change' }).click();
    await adjust.getByText('Required').waitFor();
    await expectAccessible(page);
    await adjust.getByLabel('Reason').fill('Teacher was ill on Monday');
    await adjust.getByRole('button', { name: 'Save change' }).click();
    await page.getByText(`${student.name}’s pass now has 12 classes`, { exact: true }).first().waitFor();
    await holder.getByText('12 of 10').waitFor();

    await page.getByRole('button', { name: `History of ${student.name}’s Ten Spanish classes` }).click();
    const history = page.getByRole('dialog', { name: `${student.name}: Ten Spanish classes` });
    await history.getByText('“Teacher was ill on Monday” (Maria Lopez)', { exact: false }).waitFor();
    await history.getByText('Bought').waitFor();
    await expectAccessible(page);
    await history.getByRole('button', { name: 'Close' }).first().click();

    // Filters live in the URL.
    await page.getByLabel('State').selectOption('pending');
    await page.getByText('No passes match').waitFor();
    expect(new URL(page.url()).searchParams.get('state')).toBe('pending');
  });

  it('fits a phone', async () => {
    // A pass with a long name, sold to a student with a long address.
    const admin = await signInAs(server.baseUrl, DEMO_OWNER);
    const pass = await admin.trpc.immersio.pass.create.mutate({
      name: 'Twenty classes of any language, valid for a whole year',
      classes: 20,
      price: 30000,
      validDays: 365,
    });
    const bought = await fetch(`${server.baseUrl}/api/v1/public/passes/${pass.id}/purchase`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        buyer: { name: 'Maximiliana Longname', email: 'maximiliana.longname@example.test' },
      }),
    });
    const { checkoutUrl } = (await bought.json()) as { checkoutUrl: string };
    await server.running.stripeEmulator!.pay(new URL(checkoutUrl).pathname.split('/').pop()!);
    const page = await browser.newPage({ bypassCSP: true, mobile: true });
    await signInToApp(page, server.baseUrl, DEMO_OWNER);
    await page.goto(`${server.baseUrl}/app/passes`);
    await page.getByRole('heading', { name: 'Class passes', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Students’ passes' }).waitFor();
    await page.getByText('maximiliana.longname@example.test').waitFor();
    await expectNoHorizontalScroll(page, 375);
    await expectAccessible(page);
  });

  it('a teacher reads the passes but cannot change them, and the server refuses their changes', async () => {
    const admin = await signInAs(server.baseUrl, DEMO_OWNER);
    const { passes } = await admin.trpc.immersio.pass.list.query();
    const page = await browser.newPage({ bypassCSP: true });
    await signInToApp(page, server.baseUrl, DEMO_TEACHER);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Class passes' }).click();
    await page.getByRole('heading', { name: 'Class passes', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Students’ passes' }).waitFor();
    if (passes.length > 0) await passRows(page).nth(1).waitFor();
    expect(await page.getByRole('button', { name: 'New pass' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Change .* classes$/ }).count()).toBe(0);
    await expectAccessible(page);

    const teacher = await signInAs(server.baseUrl, DEMO_TEACHER);
    expect(await outcome(teacher.trpc.immersio.pass.list.query())).toBe('OK');
    expect(
      await outcome(
        teacher.trpc.immersio.pass.create.mutate({ name: 'Mine', classes: 1, price: 100, validDays: 1 }),
      ),
    ).toBe('FORBIDDEN');
  });
});
