import { TRPCClientError } from '@trpc/client';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionTenant } from '../../src/modules/tenants/provisioning.ts';
import { signInAs } from './support/admin.ts';
import { expectAccessible } from './support/axe.ts';
import { useBrowser } from './support/browser.ts';
import { screenshot } from './support/screenshots.ts';
import { type E2eServer, startE2eServer } from './support/server.ts';
import { DEMO_TEACHER, signInToApp } from './support/staff.ts';

// The staff app's payments screen (issue 15): a new school connects Stripe through the emulator's
// hosted onboarding (an Account Link), pauses, comes back through a spent link, finishes until
// charges are enabled; a teacher neither sees the screen nor may call its procedures.

let server: E2eServer;
beforeAll(async () => {
  server = await startE2eServer();
});
afterAll(() => server?.close());

const browser = useBrowser();

/** A school of its own (the demo school already has a pasted test account), with its owner. */
async function newSchool() {
  const owner = {
    email: `payments-${Date.now()}@school.test`,
    name: 'Pat Owner',
    password: 'pat-owner-password-1',
  };
  await provisionTenant(server.database.db, {
    name: 'Harbour Language School',
    slug: `harbour-${Date.now()}`,
    plan: 'pro',
    owner,
  });
  return owner;
}

const card = (page: Page) =>
  page.getByRole('region', { name: /not connected|onboarding incomplete|ready to take payments/i });

describe('staff payments', () => {
  it('an owner connects Stripe through the onboarding page until charges are enabled', async () => {
    const owner = await newSchool();
    const page = await browser.newPage({ bypassCSP: true });
    await signInToApp(page, server.baseUrl, owner);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Payments' }).click();
    await page.getByRole('heading', { name: 'Payments', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Not connected' }).waitFor();
    await page.getByText('No payments yet').waitFor();
    await page.getByText(/Platform fee on the pro plan/).waitFor();
    await expectAccessible(page);

    // The paste form checks the id with the procedure's own schema before asking the server.
    await page.getByLabel('Account id').fill('not-an-account');
    await page.getByRole('button', { name: 'Save account' }).click();
    await page.getByText(/Must be a Stripe account id/).waitFor();
    await expectAccessible(page);
    await page.getByLabel('Account id').fill('');

    // Connect: off to Stripe's (the emulator's) hosted onboarding.
    await page.getByRole('button', { name: 'Connect with Stripe' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/connect/onboarding/'));
    const firstLink = page.url();
    await page.getByRole('heading', { name: 'Set up payments with Stripe' }).waitFor();
    await page.getByRole('button', { name: 'Save and finish later' }).click();

    // Back in the app: the state is asked again and Stripe's remaining requirements show.
    await page.waitForURL((url) => url.pathname === '/app/payments' && url.search === '');
    await page.getByRole('heading', { name: 'Onboarding incomplete' }).waitFor();
    await card(page).getByText('A bank account for payouts').waitFor();
    expect(await card(page).getByText('Not yet').count()).toBe(3);
    await expectAccessible(page);
    await screenshot(page, 'staff-payments-incomplete');

    // A spent link sends Stripe's refresh_url back into the app, which makes a new one.
    await page.goto(firstLink);
    await page.waitForURL((url) => url.pathname.startsWith('/connect/onboarding/') && url.href !== firstLink);
    await page.getByRole('button', { name: 'Complete onboarding' }).click();
    await page.waitForURL((url) => url.pathname === '/app/payments' && url.search === '');
    await page.getByRole('heading', { name: 'Ready to take payments' }).waitFor();
    expect(await card(page).getByText('Enabled', { exact: true }).count()).toBe(3);
    await card(page)
      .getByText(/paid bookings are charged to it/)
      .waitFor();
    await expect
      .poll(() => page.getByRole('button', { name: /Connect with Stripe|Continue onboarding/ }).count())
      .toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'staff-payments-enabled');

    // The account.updated webhook already made it live: the server agrees without the page.
    const api = await signInAs(server.baseUrl, owner);
    expect(await api.trpc.immersio.payments.getStripeAccount.query()).toMatchObject({
      status: 'enabled',
      live: true,
      state: { chargesEnabled: true, payoutsEnabled: true },
    });
    expect((await api.trpc.immersio.tenant.get.query({})).stripeConnected).toBe(true);
  });

  it('a teacher does not see Payments and the server refuses their calls', async () => {
    const page = await browser.newPage({ bypassCSP: true });
    await signInToApp(page, server.baseUrl, DEMO_TEACHER);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Bookings' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Payments' }).count()).toBe(0);
    await page.goto(`${server.baseUrl}/app/payments`);
    await page.getByText('Only the school’s owners and admins manage payments.').waitFor();
    await expectAccessible(page);

    const teacher = await signInAs(server.baseUrl, DEMO_TEACHER);
    for (const call of [
      () => teacher.trpc.immersio.payments.getStripeAccount.query(),
      () => teacher.trpc.immersio.payments.connectStripe.mutate(),
      () => teacher.trpc.immersio.payments.listRecent.query({}),
    ]) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TRPCClientError);
      expect((error as TRPCClientError<never>).data).toMatchObject({ appCode: 'FORBIDDEN', httpStatus: 403 });
    }
  });
});
