import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StripeEmulator } from '../../dev/stripe-emulator/emulator.ts';
import {
  addSignedInMember,
  createTenant,
  startTestApp,
  type TenantFixture,
  type TestApp,
  trpcError,
  useTestApp,
} from '../support/app.ts';
import { book, bookingByUid, bookingRequest, createWorkshop, DAY, waitFor } from '../support/bookings.ts';
import { buyPass, createPass, purchase, stripeTenant } from '../support/passes.ts';

// Issue 15, payments: Stripe Connect onboarding through the emulator's Account Link, the state
// kept by account.updated and accounts.retrieve, paid bookings on the onboarded account, recent
// payments and refunds; MEMBER, other tenants and Stripe being away.

const app = useTestApp();

function emulator(): StripeEmulator {
  const running = app.running.stripeEmulator;
  if (!running) throw new Error('the Stripe emulator runs in-process in tests');
  return running;
}
const webhookUrl = () => `${app.baseUrl}/api/v1/webhooks/stripe`;
afterEach(() => emulator().setWebhookUrl(webhookUrl()));

const payments = (t: TenantFixture) => t.owner.client.immersio.payments;

/** Opens the link's page as the admin's browser would, then presses one of its buttons. */
async function onboardThroughPage(url: string, button: 'complete' | 'later') {
  const page = await fetch(url);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('Complete onboarding');
  const done = await fetch(`${url}/${button}`, { method: 'POST', redirect: 'manual' });
  expect(done.status).toBe(303);
  return done.headers.get('location');
}

function paidWorkshop(t: TenantFixture) {
  return createWorkshop(t, {
    price: 4000,
    currency: 'EUR',
    seats: 5,
    startTime: new Date(Math.ceil((Date.now() + 4 * DAY) / 60_000) * 60_000),
    recurrence: { frequency: 'none' },
  });
}

describe('Connect with Stripe', () => {
  it('creates the account once, onboards through the link until charges are enabled, then takes paid bookings', async () => {
    const t = await createTenant(app);
    expect(await payments(t).getStripeAccount.query()).toMatchObject({
      status: 'not_connected',
      accountId: null,
      live: false,
      state: null,
      testMode: true,
      plan: { type: 'growth', platformFeeBps: 0 },
    });

    const first = await payments(t).connectStripe.mutate();
    expect(first.url).toMatch(new RegExp(`^${emulator().url}/connect/onboarding/`));
    const created = emulator()
      .accounts()
      .find((a) => a.id === first.accountId);
    expect(created).toMatchObject({
      type: 'express',
      charges_enabled: false,
      metadata: { tenantId: String(t.tenantId) },
    });
    const pending = await payments(t).getStripeAccount.query();
    expect(pending).toMatchObject({
      status: 'incomplete',
      accountId: first.accountId,
      origin: 'onboarding',
      live: false,
    });
    expect(pending.state?.requirementsDue).toContain('external_account');
    // Not live yet: paid workshops still answer STRIPE_NOT_CONFIGURED, tenant.get says not connected.
    expect((await t.owner.client.immersio.tenant.get.query({})).stripeConnected).toBe(false);

    // A second click reuses the account, with a fresh link back into the app.
    const second = await payments(t).connectStripe.mutate();
    expect(second.accountId).toBe(first.accountId);
    expect(second.url).not.toBe(first.url);
    expect(
      emulator()
        .accounts()
        .filter((a) => a.metadata.tenantId === String(t.tenantId)),
    ).toHaveLength(1);
    const link = emulator()
      .accountLinks()
      .find((l) => second.url.endsWith(l.id))!;
    expect(link).toMatchObject({
      account: first.accountId,
      type: 'account_onboarding',
      returnUrl: 'http://localhost:3000/app/payments?stripe=return',
      refreshUrl: 'http://localhost:3000/app/payments?stripe=refresh',
    });

    // "Save and finish later": the webhook brings the remaining requirements.
    expect(await onboardThroughPage(first.url, 'later')).toBe(link.returnUrl);
    const later = await payments(t).getStripeAccount.query();
    expect(later.status).toBe('incomplete');
    expect(later.state?.requirementsDue).toEqual([
      'external_account',
      'tos_acceptance.date',
      'tos_acceptance.ip',
    ]);

    // Completing it: account.updated makes the account live, with no refresh needed.
    await onboardThroughPage(second.url, 'complete');
    expect(await payments(t).getStripeAccount.query()).toMatchObject({
      status: 'enabled',
      live: true,
      origin: 'onboarding',
      state: { chargesEnabled: true, payoutsEnabled: true, detailsSubmitted: true, requirementsDue: [] },
    });
    expect((await t.owner.client.immersio.tenant.get.query({})).stripeConnected).toBe(true);

    // A paid booking checks out on the onboarded account, exactly as with pasted credentials.
    const w = await paidWorkshop(t);
    const res = await book(app, bookingRequest(t, w, 'payer@example.test'));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const row = await bookingByUid(app, res.body.booking.uid);
    const checkout = emulator().requests.find(
      (r) => r.path === '/v1/checkout/sessions' && r.params.client_reference_id === row.uid,
    );
    expect(checkout?.account).toBe(first.accountId);
    await emulator().pay(row.stripeCheckoutSessionId!);
    await waitFor(async () => (await bookingByUid(app, row.uid)).status === 'accepted');

    // Recent payments and refunds, newest first, a page at a time.
    await t.owner.client.immersio.booking.refund.mutate({ bookingId: row.id });
    const page1 = await payments(t).listRecent.query({ limit: 1 });
    expect(page1.items).toEqual([
      expect.objectContaining({
        kind: 'refund',
        status: 'succeeded',
        amountCents: 4000,
        currency: 'EUR',
        reason: 'admin',
        bookingUid: row.uid,
      }),
    ]);
    const page2 = await payments(t).listRecent.query({ limit: 1, cursor: page1.nextCursor! });
    expect(page2.items).toEqual([
      expect.objectContaining({
        kind: 'payment',
        status: 'succeeded',
        amountCents: 4000,
        refundedCents: 4000,
        attendeeEmail: 'payer@example.test',
        title: 'Evening Spanish',
      }),
    ]);
    expect(page2.nextCursor).toBeNull();
  });

  it('back from Stripe before the webhook: refreshStripeAccount asks accounts.retrieve and goes live', async () => {
    const t = await createTenant(app);
    const { accountId } = await payments(t).connectStripe.mutate();
    emulator().setWebhookUrl(undefined);
    await emulator().completeOnboarding(accountId);
    expect((await payments(t).getStripeAccount.query()).status).toBe('incomplete');
    expect(await payments(t).refreshStripeAccount.mutate()).toMatchObject({ status: 'enabled', live: true });
    expect((await t.owner.client.immersio.tenant.get.query({})).stripeConnected).toBe(true);
  });

  it('a pasted account id (updateStripeCredentials) shows its state once checked; Connect replaces it when ready', async () => {
    const t = await createTenant(app);
    await t.owner.client.immersio.tenant.updateStripeCredentials.mutate({
      stripeAccountId: 'acct_1PastedByTheSchool',
      stripePublishableKey: 'pk_test_pasted012345',
    });
    expect(await payments(t).getStripeAccount.query()).toMatchObject({
      status: 'unknown',
      origin: 'pasted',
      live: true,
      accountId: 'acct_1PastedByTheSchool',
    });
    expect(await payments(t).refreshStripeAccount.mutate()).toMatchObject({
      status: 'enabled',
      origin: 'pasted',
    });

    const { accountId, url } = await payments(t).connectStripe.mutate();
    // Until the new account can take charges, the pasted one stays live.
    expect((await payments(t).getStripeAccount.query()).accountId).toBe('acct_1PastedByTheSchool');
    await onboardThroughPage(url, 'complete');
    expect(await payments(t).getStripeAccount.query()).toMatchObject({
      accountId,
      origin: 'onboarding',
      live: true,
    });

    // Pasting another id afterwards is the school's latest choice: the onboarded account's
    // next account.updated does not take the place back.
    await t.owner.client.immersio.tenant.updateStripeCredentials.mutate({
      stripeAccountId: 'acct_1PastedAgain',
      stripePublishableKey: 'pk_test_pasted012345',
    });
    const update = await emulator().updateAccount(accountId, { payouts_enabled: false });
    expect(update.delivery?.status).toBe(200);
    expect((await payments(t).getStripeAccount.query()).accountId).toBe('acct_1PastedAgain');
  });
});

describe('recent payments with class passes', () => {
  it('lists a pass sold at its payment time with the payments, newest first; not a checkout left unpaid', async () => {
    const t = await stripeTenant(app);
    const other = await createTenant(app);
    const w = await paidWorkshop(t);
    const res = await book(app, bookingRequest(t, w, 'payer@example.test'));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const row = await bookingByUid(app, res.body.booking.uid);
    await emulator().pay(row.stripeCheckoutSessionId!);
    await waitFor(async () => (await bookingByUid(app, row.uid)).status === 'accepted');
    const pass = await createPass(t, { price: 12_000, currency: 'EUR' });
    app.clock.advance(60_000);
    try {
      const bought = await buyPass(app, t, pass.id, 'holder@example.test');
      expect(
        (await purchase(app, pass.id, { buyer: { name: 'Ben', email: 'ben@example.test' } })).status,
      ).toBe(201);
      const page1 = await payments(t).listRecent.query({ limit: 1 });
      expect(page1.items).toEqual([
        expect.objectContaining({
          kind: 'pass',
          status: 'succeeded',
          amountCents: 12_000,
          refundedCents: 0,
          currency: 'EUR',
          bookingUid: bought.uid,
          title: 'Ten classes',
          attendeeName: 'Ana Student',
          attendeeEmail: 'holder@example.test',
        }),
      ]);
      const page2 = await payments(t).listRecent.query({ limit: 5, cursor: page1.nextCursor! });
      expect(page2.items).toEqual([
        expect.objectContaining({ kind: 'payment', amountCents: 4000, bookingUid: row.uid }),
      ]);
      expect(page2.nextCursor).toBeNull();
      expect((await payments(other).listRecent.query({})).items).toEqual([]);
    } finally {
      app.clock.advance(-60_000);
    }
  });
});

describe('account.updated', () => {
  it('is verified, applied newest-first, and touches only the tenants that have the account', async () => {
    const t = await createTenant(app);
    const other = await createTenant(app);
    const { accountId } = await payments(t).connectStripe.mutate();
    const account = emulator()
      .accounts()
      .find((a) => a.id === accountId)!;
    const send = async (event: object, secret?: string) => {
      const { body, header } = emulator().signEvent(event, secret ? { secret } : {});
      return fetch(webhookUrl(), {
        method: 'POST',
        headers: { 'stripe-signature': header, 'content-type': 'application/json' },
        body,
      });
    };
    const event = (created: number, patch: Record<string, unknown>) => ({
      id: `evt_${created}`,
      object: 'event',
      type: 'account.updated',
      account: accountId,
      created,
      data: { object: { ...account, ...patch } },
    });
    const now = Math.floor(Date.now() / 1000);

    const forged = await send(event(now, { charges_enabled: true }), 'whsec_not_the_secret');
    expect(forged.status).toBe(400);
    expect((await payments(t).getStripeAccount.query()).state?.chargesEnabled).toBe(false);

    expect((await send(event(now + 10, { payouts_enabled: true }))).status).toBe(200);
    // An older event delivered late changes nothing.
    expect((await send(event(now + 5, { payouts_enabled: false, details_submitted: true }))).status).toBe(
      200,
    );
    expect((await payments(t).getStripeAccount.query()).state).toMatchObject({
      payoutsEnabled: true,
      detailsSubmitted: false,
      chargesEnabled: false,
    });
    // A malformed account object is a 400, not a 500.
    expect((await send({ ...event(now + 20, {}), data: { object: { id: 42 } } })).status).toBe(400);
    expect((await send({ ...event(now + 21, {}), account: 'acct_1SomeoneElse' })).status).toBe(400);

    expect(await other.owner.client.immersio.payments.getStripeAccount.query()).toMatchObject({
      status: 'not_connected',
      accountId: null,
    });
    expect((await other.owner.client.immersio.payments.listRecent.query({})).items).toEqual([]);
  });
});

describe('access', () => {
  it('a MEMBER is refused every payments procedure, before Stripe is asked', async () => {
    const t = await createTenant(app);
    const member = await addSignedInMember(app, t.tenantId);
    const before = emulator().accounts().length;
    const calls = member.client.immersio.payments;
    for (const call of [
      () => calls.connectStripe.mutate(),
      () => calls.getStripeAccount.query(),
      () => calls.refreshStripeAccount.mutate(),
      () => calls.listRecent.query({}),
    ]) {
      expect(await trpcError(call())).toMatchObject({ appCode: 'FORBIDDEN', httpStatus: 403 });
    }
    expect(emulator().accounts()).toHaveLength(before);
    const admin = await addSignedInMember(app, t.tenantId, 'ADMIN');
    expect((await admin.client.immersio.payments.connectStripe.mutate()).url).toMatch(
      /\/connect\/onboarding\//,
    );
  });

  it('refresh without any account is STRIPE_NOT_CONFIGURED', async () => {
    const t = await createTenant(app);
    expect(await trpcError(payments(t).refreshStripeAccount.mutate())).toMatchObject({
      appCode: 'STRIPE_NOT_CONFIGURED',
      httpStatus: 400,
    });
  });
});

describe('Stripe away', () => {
  it('5xx on create or link: 503 SERVICE_UNAVAILABLE; a created account is kept and reused', async () => {
    const t = await createTenant(app);
    emulator().failNext('account.create', { status: 503 });
    expect(await trpcError(payments(t).connectStripe.mutate())).toMatchObject({
      appCode: 'SERVICE_UNAVAILABLE',
      httpStatus: 503,
    });
    expect((await payments(t).getStripeAccount.query()).status).toBe('not_connected');

    emulator().failNext('account_link.create', { status: 500 });
    expect(await trpcError(payments(t).connectStripe.mutate())).toMatchObject({
      appCode: 'SERVICE_UNAVAILABLE',
    });
    const { accountId } = (await payments(t).getStripeAccount.query()) as { accountId: string };
    expect(accountId).toMatch(/^acct_/);
    expect((await payments(t).connectStripe.mutate()).accountId).toBe(accountId);

    emulator().failNext('account.retrieve', { status: 429 });
    expect(await trpcError(payments(t).refreshStripeAccount.mutate())).toMatchObject({
      appCode: 'SERVICE_UNAVAILABLE',
    });
  });

  describe('unreachable', () => {
    let down: TestApp;
    beforeAll(async () => {
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as { port: number };
      await new Promise<void>((resolve) => server.close(() => resolve()));
      down = await startTestApp({ env: { STRIPE_API_URL: `http://127.0.0.1:${port}` } });
    });
    afterAll(() => down?.close());

    it('connection refused: 503, nothing stored', async () => {
      const t = await createTenant(down);
      expect(await trpcError(t.owner.client.immersio.payments.connectStripe.mutate())).toMatchObject({
        appCode: 'SERVICE_UNAVAILABLE',
        httpStatus: 503,
      });
      expect((await t.owner.client.immersio.payments.getStripeAccount.query()).status).toBe('not_connected');
    });
  });
});
