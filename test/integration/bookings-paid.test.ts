import { randomBytes } from 'node:crypto';
import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { StripeEmulator } from '../../dev/stripe-emulator/emulator.ts';
import { HOLD_MS } from '../../src/modules/bookings/bookings.service.ts';
import { createTenant, type TenantFixture, unique, useTestApp } from '../support/app.ts';
import {
  book,
  bookingByUid,
  bookingRequest,
  createWorkshop,
  DAY,
  eventsOf,
  getJson,
  HOUR,
  manageParts,
  outboxOf,
  outboxSettled,
  paymentsOf,
  postJson,
  refundsOf,
  seatState,
  waitFor,
} from '../support/bookings.ts';
import { mailsTo, type SentMail, sentMail } from '../support/mail.ts';

// The sweeper runs only when a test calls it.
const app = useTestApp({ env: { HOLD_SWEEP_MS: '3600000' } });
const PRICE = 2500;

function emulator(): StripeEmulator {
  const running = app.running.stripeEmulator;
  if (!running) throw new Error('the test app runs without the Stripe emulator');
  return running;
}
const webhookUrl = () => `${app.baseUrl}/api/v1/webhooks/stripe`;

afterEach(() => {
  app.clock.resume();
  app.clock.offsetMs = 0;
  emulator().setWebhookUrl(webhookUrl());
});

/** A tenant with Stripe credentials (its connected account). */
async function stripeTenant(): Promise<TenantFixture & { accountId: string }> {
  const t = await createTenant(app);
  const accountId = `acct_${randomBytes(8).toString('hex')}`;
  await t.owner.client.immersio.tenant.updateStripeCredentials.mutate({
    stripeAccountId: accountId,
    stripePublishableKey: 'pk_test_emulator0123',
  });
  return { ...t, accountId };
}

/** A start time on a whole minute, as a schedule has (the invite carries whole seconds). */
function startIn(ms: number): Date {
  return new Date(Math.ceil((Date.now() + ms) / 60_000) * 60_000);
}

function paidWorkshop(t: TenantFixture, overrides: Record<string, unknown> = {}) {
  return createWorkshop(t, {
    price: PRICE,
    currency: 'EUR',
    seats: 3,
    startTime: startIn(3 * DAY),
    recurrence: { frequency: 'none' },
    ...overrides,
  });
}

type Workshop = Awaited<ReturnType<typeof paidWorkshop>>;

/** A pending booking holding its seat, with its checkout session id. */
async function hold(t: TenantFixture, w: Workshop, email: string) {
  const res = await book(app, bookingRequest(t, w, email));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const row = await bookingByUid(app, res.body.booking.uid);
  return { uid: row.uid, id: row.id, email, checkoutId: row.stripeCheckoutSessionId!, body: res.body };
}

/** Pays at the emulator and checks every webhook was taken (200). */
async function pay(checkoutId: string, options: { evenIfExpired?: boolean } = {}) {
  const result = await emulator().pay(checkoutId, options);
  expect(result.deliveries.map((d) => d.status)).toEqual(result.events.map(() => 200));
  return result;
}

/** A student address no other test uses (the sent e-mails are the app's, not the tenant's). */
function student(name: string): string {
  return `${unique(name)}@example.test`;
}

function confirmations(mails: SentMail[]) {
  return mails.filter((m) => m.subject.startsWith('Booking confirmed'));
}

describe('paid bookings: Stripe Checkout on the connected account', () => {
  it('a tenant without Stripe credentials gets 400 STRIPE_NOT_CONFIGURED and no seat is taken', async () => {
    const t = await createTenant(app);
    const w = await paidWorkshop(t);
    const res = await book(app, bookingRequest(t, w, 'early@example.test'));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('STRIPE_NOT_CONFIGURED');
    expect(await seatState(app, w.sessions[0]!.id)).toEqual({ seats: 3, booked: 0, live: 0 });
  });

  it('saving Stripe credentials four times at once keeps exactly one active credential', async () => {
    const t = await stripeTenant();
    const saves = await Promise.allSettled(
      Array.from({ length: 4 }, () =>
        t.owner.client.immersio.tenant.updateStripeCredentials.mutate({
          stripeAccountId: t.accountId,
          stripePublishableKey: 'pk_test_emulator0123',
        }),
      ),
    );
    expect(saves.map((s) => s.status)).toEqual(Array(4).fill('fulfilled'));
    expect(await t.owner.client.immersio.tenant.get.query({})).toMatchObject({ stripeConnected: true });
    // Still bookable: the one active credential is the account.
    const w = await paidWorkshop(t);
    await hold(t, w, student('after-saves'));
  });

  it('holds the seat at checkout; paying confirms it with one payment, the events and an .ics invite', async () => {
    const t = await stripeTenant();
    const w = await paidWorkshop(t);
    const session = w.sessions[0]!;
    const payer = student('payer');
    const res = await book(app, bookingRequest(t, w, payer));
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      booking: {
        uid: expect.stringMatching(/^booking_[a-f0-9]{20}$/),
        status: 'pending',
        title: 'Evening Spanish',
        startTime: session.startTime.toISOString(),
        endTime: session.endTime.toISOString(),
        paid: false,
      },
      payment: {
        checkoutUrl: expect.stringMatching(/\/checkout\/cs_test_\w+$/),
        amount: PRICE,
        currency: 'EUR',
        expiresAt: expect.any(String),
      },
      manageUrl: expect.stringMatching(/^http:\/\/localhost:3000\/bookings\/booking_[a-f0-9]{20}\?token=/),
    });
    const uid: string = res.body.booking.uid;
    const expiresAt = new Date(res.body.payment.expiresAt).getTime();
    expect(expiresAt - Date.now()).toBeGreaterThan(HOLD_MS - 5_000);
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(HOLD_MS + 2 * 60_000);

    // The checkout session, created on the tenant's connected account with an idempotency key.
    const row = await bookingByUid(app, uid);
    expect(res.body.payment.checkoutUrl).toBe(`${emulator().url}/checkout/${row.stripeCheckoutSessionId}`);
    const created = emulator().requests.filter(
      (r) =>
        r.method === 'POST' && r.path === '/v1/checkout/sessions' && r.params.client_reference_id === uid,
    );
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      account: t.accountId,
      idempotencyKey: `checkout-${uid}`,
      status: 200,
      params: { mode: 'payment', expires_at: String(Math.floor(expiresAt / 1000)) },
    });
    expect(emulator().session(row.stripeCheckoutSessionId!)).toMatchObject({
      status: 'open',
      amount_total: PRICE,
      currency: 'eur',
      customer_email: payer,
      expires_at: Math.floor(expiresAt / 1000),
      client_reference_id: uid,
    });
    expect(await seatState(app, session.id)).toEqual({ seats: 3, booked: 1, live: 1 });
    // Nothing is announced before the payment.
    expect(await eventsOf(app, t.tenantId, 'BOOKING_CREATED')).toEqual([]);
    await outboxSettled(app, t.tenantId);
    expect(await sentMail(app, payer)).toEqual([]);

    // The hosted page's Pay button: the emulator sends checkout.session.completed before redirecting.
    const paid = await fetch(`${res.body.payment.checkoutUrl}/pay`, { method: 'POST', redirect: 'manual' });
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe(`${res.body.manageUrl}&checkout=success`);

    expect(await bookingByUid(app, uid)).toMatchObject({ status: 'accepted', paid: true });
    expect(await seatState(app, session.id)).toEqual({ seats: 3, booked: 1, live: 1 });
    const payments = await paymentsOf(app, row.id);
    expect(payments).toEqual([
      {
        id: expect.any(Number),
        amountCents: PRICE,
        feeCents: 0,
        refundedCents: 0,
        currency: 'EUR',
        status: 'succeeded',
        stripeCheckoutSessionId: row.stripeCheckoutSessionId,
        stripePaymentId: expect.stringMatching(/^pi_/),
        stripeCustomerId: expect.stringMatching(/^cus_/),
        stripeAccountId: t.accountId,
      },
    ]);
    const payment = payments[0]!;
    expect(emulator().session(row.stripeCheckoutSessionId!)).toMatchObject({
      status: 'complete',
      payment_status: 'paid',
      payment_intent: payment.stripePaymentId,
    });

    const [completed, ...otherPayments] = await eventsOf(app, t.tenantId, 'PAYMENT_COMPLETED');
    expect(otherPayments).toEqual([]);
    expect(completed).toEqual({
      event: 'PAYMENT_COMPLETED',
      timestamp: expect.stringMatching(/Z$/),
      data: {
        payment: {
          id: payment.id,
          bookingId: row.id,
          bookingUid: uid,
          amount: PRICE,
          fee: 0,
          currency: 'EUR',
          stripePaymentId: payment.stripePaymentId,
          stripeCustomerId: payment.stripeCustomerId,
        },
        workshop: { id: w.id, title: 'Evening Spanish', immersioCourseId: null },
        attendee: { email: payer },
        tenant: { id: t.tenantId, slug: t.slug, stripeAccountId: t.accountId },
      },
    });
    const [createdEvent, ...otherCreated] = await eventsOf(app, t.tenantId, 'BOOKING_CREATED');
    expect(otherCreated).toEqual([]);
    expect(createdEvent).toEqual({
      event: 'BOOKING_CREATED',
      timestamp: expect.stringMatching(/Z$/),
      data: {
        booking: {
          id: row.id,
          uid,
          title: 'Evening Spanish',
          workshopId: w.id,
          eventTypeId: w.eventTypeId,
          startTime: session.startTime.toISOString(),
          endTime: session.endTime.toISOString(),
          status: 'accepted',
          attendee: { email: payer, name: 'Ana Student', timeZone: 'America/New_York' },
          payment: { amount: PRICE, currency: 'EUR', paid: true, stripePaymentId: payment.stripePaymentId },
          metadata: {},
        },
        tenant: { id: t.tenantId, slug: t.slug, immersioOrgId: null },
      },
    });

    // The confirmation with its calendar invite, parsed back with ical.js.
    await mailsTo(app, payer, 'Booking confirmed');
    await outboxSettled(app, t.tenantId);
    const mails = confirmations(await sentMail(app, payer));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain(res.body.manageUrl);
    const invite = mails[0]!.attachments?.find((a) => a.filename === 'invite.ics');
    expect(invite?.contentType).toMatch(/^text\/calendar.*method=REQUEST/i);
    const calendar = new ICAL.Component(ICAL.parse(invite!.content));
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    const vevent = calendar.getFirstSubcomponent('vevent')!;
    const event = new ICAL.Event(vevent);
    expect(event.uid).toBe(`${uid}@localhost`);
    expect(event.startDate.zone?.tzid).toBe('UTC');
    expect(event.endDate.zone?.tzid).toBe('UTC');
    expect(event.startDate.toJSDate().toISOString()).toBe(session.startTime.toISOString());
    expect(event.endDate.toJSDate().toISOString()).toBe(session.endTime.toISOString());
    expect(invite!.content).toMatch(/^DTSTART:\d{8}T\d{6}Z\r?$/m);
    expect(event.location).toBe('https://zoom.us/j/999-secret');
    expect(event.summary).toBe('Evening Spanish');
    // Staff hear about it too.
    expect((await sentMail(app, t.owner.email)).map((e) => e.subject)).toEqual([
      expect.stringMatching(/^New booking: Ana Student for Evening Spanish/),
    ]);

    // The manage link now shows a paid, confirmed seat.
    const { uid: manageUid, token } = manageParts(res.body.manageUrl);
    const view = await getJson(app, `/api/v1/public/bookings/${manageUid}?token=${token}`);
    expect(view.body.booking).toMatchObject({ status: 'accepted', paid: true });
    expect(view.body.payment).toMatchObject({ amount: PRICE, currency: 'EUR', status: 'paid' });
  });

  it('the same checkout.session.completed delivered 10 times at once is applied exactly once', async () => {
    const t = await stripeTenant();
    const w = await paidWorkshop(t);
    const twice = student('twice');
    const { uid, id, checkoutId } = await hold(t, w, twice);

    // Record the payment at "Stripe" without delivering, then deliver it ourselves, 10× at once.
    emulator().setWebhookUrl(undefined);
    const result = await emulator().pay(checkoutId);
    emulator().setWebhookUrl(webhookUrl());
    const event = result.events.find((e) => e.type === 'checkout.session.completed')!;
    expect(await bookingByUid(app, uid)).toMatchObject({ status: 'pending', paid: false });

    const { body, header } = emulator().signEvent(event);
    const post = (payload: string, signature?: string) =>
      fetch(webhookUrl(), {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          ...(signature !== undefined && { 'stripe-signature': signature }),
        },
        body: payload,
      });
    // Signed ahead of time beyond the tolerance: refused like an old one.
    const ahead = emulator().signEvent(event, { timestamp: Math.floor(Date.now() / 1000) + 3600 });
    const early = await post(ahead.body, ahead.header);
    expect(early.status).toBe(400);
    expect(await early.json()).toMatchObject({ code: 'INVALID_WEBHOOK_SIGNATURE' });
    // Validly signed but malformed: 400 VALIDATION_ERROR, not a 500 Stripe would retry for days.
    const e = event as unknown as { data: { object: Record<string, unknown> } };
    for (const object of [
      { ...e.data.object, id: 42 },
      { ...e.data.object, amount_total: 2 ** 40 },
      { ...e.data.object, metadata: 'nope' },
      null,
    ]) {
      const malformed = emulator().signEvent({ ...event, data: { object } });
      const response = await post(malformed.body, malformed.header);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: 'VALIDATION_ERROR' });
    }
    for (const notAnEvent of [null, [], 'x', 1]) {
      const signed = emulator().signEvent(notAnEvent as object);
      expect((await post(signed.body, signed.header)).status).toBe(400);
    }
    expect(await bookingByUid(app, uid)).toMatchObject({ status: 'pending', paid: false });

    const responses = await Promise.all(Array.from({ length: 10 }, () => post(body, header)));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    // A later redelivery by "Stripe" changes nothing either.
    expect((await emulator().resendEvent(event.id)).status).toBe(200);

    expect(await bookingByUid(app, uid)).toMatchObject({ status: 'accepted', paid: true });
    expect(await paymentsOf(app, id)).toHaveLength(1);
    expect(await eventsOf(app, t.tenantId, 'PAYMENT_COMPLETED')).toHaveLength(1);
    expect(await eventsOf(app, t.tenantId, 'BOOKING_CREATED')).toHaveLength(1);
    await outboxSettled(app, t.tenantId);
    expect(confirmations(await sentMail(app, twice))).toHaveLength(1);
    expect(await seatState(app, w.sessions[0]!.id)).toEqual({ seats: 3, booked: 1, live: 1 });

    // Signatures that do not verify: 400, nothing applied.
    const wrongSecret = emulator().signEvent(event, { secret: 'whsec_not_the_secret' });
    for (const bad of [
      await post(wrongSecret.body, wrongSecret.header),
      await post(body.replace('"complete"', '"open"'), header),
      await post(body),
      await post(body, 't=1,v1=deadbeef'),
    ]) {
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ code: 'INVALID_WEBHOOK_SIGNATURE' });
    }
    expect(await paymentsOf(app, id)).toHaveLength(1);
  });

  it('cancel on the hosted page, expiry and a declined payment end the hold and free the seat', async () => {
    const t = await stripeTenant();
    const w = await paidWorkshop(t, { seats: 3 });
    const sessionId = w.sessions[0]!.id;
    const cancelled = await hold(t, w, student('cancel'));
    const expired = await hold(t, w, student('expire'));
    const declined = await hold(t, w, student('decline'));
    expect(await seatState(app, sessionId)).toEqual({ seats: 3, booked: 3, live: 3 });
    expect((await book(app, bookingRequest(t, w, 'waiting@example.test'))).body.code).toBe(
      'NO_SEATS_AVAILABLE',
    );

    // The hosted page's Cancel form: checkout.session.expired, then back to the manage link.
    const page = await fetch(`${cancelled.body.payment.checkoutUrl}/cancel`, {
      method: 'POST',
      redirect: 'manual',
    });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe(`${cancelled.body.manageUrl}&checkout=cancelled`);
    expect(await bookingByUid(app, cancelled.uid)).toMatchObject({ status: 'expired', paid: false });
    expect(await seatState(app, sessionId)).toEqual({ seats: 3, booked: 2, live: 2 });

    const expiry = await emulator().expire(expired.checkoutId);
    expect(expiry.deliveries.map((d) => [d.type, d.status])).toEqual([['checkout.session.expired', 200]]);
    expect(await bookingByUid(app, expired.uid)).toMatchObject({ status: 'expired', paid: false });

    // A declined (asynchronous) payment: completed-but-unpaid, then async_payment_failed.
    const failure = await emulator().failPayment(declined.checkoutId);
    expect(failure.deliveries.map((d) => [d.type, d.status])).toEqual([
      ['checkout.session.completed', 200],
      ['checkout.session.async_payment_failed', 200],
    ]);
    expect(await bookingByUid(app, declined.uid)).toMatchObject({ status: 'failed', paid: false });

    expect(await seatState(app, sessionId)).toEqual({ seats: 3, booked: 0, live: 0 });
    for (const b of [cancelled, expired, declined]) expect(await paymentsOf(app, b.id)).toEqual([]);
    expect(await eventsOf(app, t.tenantId, 'BOOKING_CREATED')).toEqual([]);
    await outboxSettled(app, t.tenantId);
    for (const b of [cancelled, expired, declined]) expect(await sentMail(app, b.email)).toEqual([]);
    // The seats are bookable again.
    expect((await book(app, bookingRequest(t, w, 'waiting@example.test'))).status).toBe(201);
  });

  it('a hold whose webhook never comes: the sweeper frees the seat and the outbox expires the checkout', async () => {
    const t = await stripeTenant();
    const w = await paidWorkshop(t, { seats: 1 });
    const sessionId = w.sessions[0]!.id;
    const lost = await hold(t, w, 'lost@example.test');
    emulator().setWebhookUrl(undefined); // Stripe never reaches us

    app.clock.advance(HOLD_MS + 2 * 60_000);
    // The sweeper ends every lapsed hold (other tests' too) and gives the seats back.
    expect(await app.running.container.bookings.sweepHolds()).toBeGreaterThanOrEqual(1);
    expect(await bookingByUid(app, lost.uid)).toMatchObject({ status: 'expired', paid: false });
    expect(await seatState(app, sessionId)).toEqual({ seats: 1, booked: 0, live: 0 });

    // The outbox's stripe.expire-checkout job closes the checkout at Stripe.
    await waitFor(
      async () =>
        (await outboxOf(app, t.tenantId, 'stripe.expire-checkout')).some((m) => m.status === 'delivered'),
      { what: 'the stripe.expire-checkout job' },
    );
    const expireCalls = emulator().requests.filter(
      (r) => r.method === 'POST' && r.path === `/v1/checkout/sessions/${lost.checkoutId}/expire`,
    );
    expect(expireCalls.map((r) => r.account)).toEqual([t.accountId]);
    expect(emulator().session(lost.checkoutId)?.status).toBe('expired');

    // The seat is free for the next student.
    emulator().setWebhookUrl(webhookUrl());
    expect((await book(app, bookingRequest(t, w, 'next@example.test'))).status).toBe(201);
    expect(await seatState(app, sessionId)).toEqual({ seats: 1, booked: 1, live: 1 });
  });

  it('a payment after the hold lapsed is accepted while a seat is still free', async () => {
    const t = await stripeTenant();
    const w = await paidWorkshop(t, { seats: 2 });
    const late = await hold(t, w, student('late'));
    app.clock.advance(HOLD_MS + 2 * 60_000);
    await app.running.container.bookings.sweepHolds();
    expect(await bookingByUid(app, late.uid)).toMatchObject({ status: 'expired' });
    expect(await seatState(app, w.sessions[0]!.id)).toEqual({ seats: 2, booked: 0, live: 0 });

    await pay(late.checkoutId, { evenIfExpired: true });
    expect(await bookingByUid(app, late.uid)).toMatchObject({ status: 'accepted', paid: true });
    expect(await seatState(app, w.sessions[0]!.id)).toEqual({ seats: 2, booked: 1, live: 1 });
    expect(await paymentsOf(app, late.id)).toMatchObject([{ amountCents: PRICE, refundedCents: 0 }]);
    expect(await refundsOf(app, late.id)).toEqual([]);
    expect((await eventsOf(app, t.tenantId, 'BOOKING_CREATED')).map((e) => e.data.booking.uid)).toEqual([
      late.uid,
    ]);
    expect(await eventsOf(app, t.tenantId, 'PAYMENT_COMPLETED')).toHaveLength(1);
    expect(await mailsTo(app, late.email, 'Booking confirmed')).toHaveLength(1);
  });

  it('a payment after its seat was taken is refunded in full and the student told; never oversold', async () => {
    const t = await stripeTenant();
    const w = await paidWorkshop(t, { seats: 1 });
    const sessionId = w.sessions[0]!.id;
    const late = await hold(t, w, student('late'));
    app.clock.advance(HOLD_MS + 2 * 60_000);
    await app.running.container.bookings.sweepHolds();
    // Someone else takes (and pays for) the only seat.
    const other = await hold(t, w, student('quick'));
    await pay(other.checkoutId);
    expect(await seatState(app, sessionId)).toEqual({ seats: 1, booked: 1, live: 1 });

    const result = await pay(late.checkoutId, { evenIfExpired: true });
    const intent = result.paymentIntent!.id;
    expect(await bookingByUid(app, late.uid)).toMatchObject({ status: 'expired', paid: false });
    expect(await seatState(app, sessionId)).toEqual({ seats: 1, booked: 1, live: 1 });

    const stripeRefunds = emulator()
      .refunds()
      .filter((r) => r.payment_intent === intent);
    expect(stripeRefunds).toMatchObject([{ amount: PRICE, currency: 'eur', status: 'succeeded' }]);
    expect(await paymentsOf(app, late.id)).toMatchObject([
      { amountCents: PRICE, refundedCents: PRICE, stripePaymentId: intent },
    ]);
    expect(await refundsOf(app, late.id)).toEqual([
      {
        id: expect.any(Number),
        amountCents: PRICE,
        currency: 'EUR',
        status: 'succeeded',
        reason: 'late_payment',
        stripeRefundId: stripeRefunds[0]!.id,
        attempts: 0,
      },
    ]);
    await mailsTo(app, late.email, 'Payment refunded');
    await outboxSettled(app, t.tenantId);
    const toLate = await sentMail(app, late.email);
    expect(toLate.map((e) => e.subject)).toEqual([expect.stringMatching(/^Payment refunded: /)]);
    // The late payer was never announced as booked.
    expect((await eventsOf(app, t.tenantId, 'BOOKING_CREATED')).map((e) => e.data.booking.uid)).toEqual([
      other.uid,
    ]);
    // Redelivering the late payment refunds nothing twice.
    await emulator().resendEvent(result.events[0]!.id);
    expect(await refundsOf(app, late.id)).toHaveLength(1);
    expect(
      emulator()
        .refunds()
        .filter((r) => r.payment_intent === intent),
    ).toHaveLength(1);
  });

  it('a late payment from a student who booked the session again meanwhile is refunded; the new seat is kept', async () => {
    const t = await stripeTenant();
    const w = await paidWorkshop(t, { seats: 3 });
    const sessionId = w.sessions[0]!.id;
    const first = await hold(t, w, student('again'));
    app.clock.advance(HOLD_MS + 2 * 60_000);
    await app.running.container.bookings.sweepHolds();
    const second = await hold(t, w, first.email);
    await pay(second.checkoutId);

    const result = await pay(first.checkoutId, { evenIfExpired: true });
    expect(await bookingByUid(app, first.uid)).toMatchObject({ status: 'expired', paid: false });
    expect(await bookingByUid(app, second.uid)).toMatchObject({ status: 'accepted', paid: true });
    expect(await seatState(app, sessionId)).toEqual({ seats: 3, booked: 1, live: 1 });
    expect(await refundsOf(app, first.id)).toMatchObject([{ status: 'succeeded', reason: 'late_payment' }]);
    expect(
      emulator()
        .refunds()
        .filter((r) => r.payment_intent === result.paymentIntent!.id),
    ).toHaveLength(1);
  });

  it('a lapsed hold gives its seat to the next student even before the sweeper runs', async () => {
    const t = await stripeTenant();
    const w = await paidWorkshop(t, { seats: 1 });
    const sessionId = w.sessions[0]!.id;
    const lapsed = await hold(t, w, student('slow'));
    expect((await book(app, bookingRequest(t, w, student('eager')))).body.code).toBe('NO_SEATS_AVAILABLE');
    emulator().setWebhookUrl(undefined);
    app.clock.advance(HOLD_MS + 2 * 60_000);

    const next = await hold(t, w, student('patient'));
    expect(await bookingByUid(app, lapsed.uid)).toMatchObject({ status: 'expired' });
    expect(await seatState(app, sessionId)).toEqual({ seats: 1, booked: 1, live: 1 });
    // The lapsed checkout is closed through the outbox; the new one stays open.
    await waitFor(
      () =>
        emulator().requests.some(
          (r) => r.method === 'POST' && r.path === `/v1/checkout/sessions/${lapsed.checkoutId}/expire`,
        ),
      { what: 'the lapsed checkout to be expired' },
    );
    expect(emulator().session(lapsed.checkoutId)?.status).toBe('expired');
    expect(emulator().session(next.checkoutId)?.status).toBe('open');
  });

  it('checkout creation failing at Stripe: 402 PAYMENT_FAILED and the seat is released', async () => {
    const t = await stripeTenant();
    const w = await paidWorkshop(t, { seats: 1 });
    const sessionId = w.sessions[0]!.id;
    for (const failure of [
      { status: 500 },
      { status: 402, code: 'card_declined', message: 'Your card was declined.' },
    ]) {
      emulator().failNext('checkout.create', failure);
      const res = await book(app, bookingRequest(t, w, 'unlucky@example.test'));
      expect(res.status).toBe(402);
      expect(res.body.code).toBe('PAYMENT_FAILED');
      expect(await seatState(app, sessionId)).toEqual({ seats: 1, booked: 0, live: 0 });
    }
    // The same student can try again at once, and the seat is there.
    const retry = await book(app, bookingRequest(t, w, 'unlucky@example.test'));
    expect(retry.status).toBe(201);
    expect(retry.body.booking.status).toBe('pending');
    expect(await seatState(app, sessionId)).toEqual({ seats: 1, booked: 1, live: 1 });
  });
});

describe('student cancellation policy at the exact boundaries (refundWindowHours 48, cancellationNoticeHours 24)', () => {
  it('refunded exactly 48 h before, not 1 ms later; allowed exactly 24 h before, 400 CANCELLATION_CLOSED 1 ms later', async () => {
    const t = await stripeTenant();
    const w = await paidWorkshop(t, {
      seats: 8,
      startTime: startIn(5 * DAY),
      refundWindowHours: 48,
      cancellationNoticeHours: 24,
    });
    const start = w.sessions[0]!.startTime.getTime();
    const students = [];
    for (const name of ['refunded', 'unrefunded', 'last-minute', 'too-late']) {
      const held = await hold(t, w, student(name));
      const paid = await pay(held.checkoutId);
      students.push({ ...held, ...manageParts(held.body.manageUrl), intent: paid.paymentIntent!.id });
    }
    const [refunded, unrefunded, lastMinute, tooLate] = students as [
      (typeof students)[0],
      (typeof students)[0],
      (typeof students)[0],
      (typeof students)[0],
    ];
    const cancel = (s: { uid: string; token: string }) =>
      postJson(app, `/api/v1/public/bookings/${s.uid}/cancel`, { token: s.token, reason: 'Plans changed' });
    const view = async (s: { uid: string; token: string }) =>
      (await getJson(app, `/api/v1/public/bookings/${s.uid}?token=${s.token}`)).body;

    // Exactly refundWindowHours before the start: refunded in full.
    app.clock.freeze(new Date(start - 48 * HOUR));
    expect((await view(refunded)).cancellation).toMatchObject({
      allowed: true,
      refundEligible: true,
      refundAmount: PRICE,
    });
    const first = await cancel(refunded);
    expect(first.status).toBe(200);
    const stripeRefund = emulator()
      .refunds()
      .find((r) => r.payment_intent === refunded.intent);
    expect(stripeRefund).toMatchObject({ amount: PRICE, status: 'succeeded' });
    expect(first.body).toEqual({
      booking: {
        uid: refunded.uid,
        status: 'cancelled',
        cancelledAt: new Date(start - 48 * HOUR).toISOString(),
      },
      refund: {
        eligible: true,
        withinWindow: true,
        status: 'completed',
        amount: PRICE,
        currency: 'EUR',
        stripeRefundId: stripeRefund!.id,
      },
    });
    expect(await refundsOf(app, refunded.id)).toMatchObject([
      {
        status: 'succeeded',
        reason: 'student_cancelled',
        amountCents: PRICE,
        stripeRefundId: stripeRefund!.id,
      },
    ]);
    const refundRequest = emulator().requests.find(
      (r) => r.path === '/v1/refunds' && r.params.payment_intent === refunded.intent,
    );
    expect(refundRequest).toMatchObject({
      account: t.accountId,
      idempotencyKey: expect.stringMatching(/^refund-\d+$/),
    });

    // One millisecond later: cancelled, not refunded.
    app.clock.freeze(new Date(start - 48 * HOUR + 1));
    expect((await view(unrefunded)).cancellation).toMatchObject({ allowed: true, refundEligible: false });
    const second = await cancel(unrefunded);
    expect(second.status).toBe(200);
    expect(second.body.refund).toEqual({
      eligible: false,
      withinWindow: false,
      status: 'not_applicable',
      amount: 0,
      currency: 'EUR',
      stripeRefundId: null,
    });
    expect(await refundsOf(app, unrefunded.id)).toEqual([]);
    expect(
      emulator()
        .refunds()
        .filter((r) => r.payment_intent === unrefunded.intent),
    ).toEqual([]);

    // Exactly cancellationNoticeHours before: still allowed; one millisecond later: closed.
    app.clock.freeze(new Date(start - 24 * HOUR));
    expect((await cancel(lastMinute)).status).toBe(200);
    app.clock.freeze(new Date(start - 24 * HOUR + 1));
    expect((await view(tooLate)).cancellation).toMatchObject({ allowed: false, refundEligible: false });
    const closed = await cancel(tooLate);
    expect(closed.status).toBe(400);
    expect(closed.body.code).toBe('CANCELLATION_CLOSED');
    expect(closed.body.error).toContain('24 hours before the start');
    expect(await bookingByUid(app, tooLate.uid)).toMatchObject({ status: 'accepted', paid: true });
    expect(await seatState(app, w.sessions[0]!.id)).toEqual({ seats: 8, booked: 1, live: 1 });

    // BOOKING_CANCELLED carries the spec's refund object for each.
    const cancelledEvents = await eventsOf(app, t.tenantId, 'BOOKING_CANCELLED');
    const byUid = new Map(cancelledEvents.map((e) => [e.data.booking.uid, e]));
    expect(cancelledEvents).toHaveLength(3);
    expect(byUid.get(refunded.uid)).toEqual({
      event: 'BOOKING_CANCELLED',
      timestamp: expect.any(String),
      data: {
        booking: {
          id: refunded.id,
          uid: refunded.uid,
          workshopId: w.id,
          cancelledAt: new Date(start - 48 * HOUR).toISOString(),
          cancelledBy: 'student',
          cancellationReason: 'Plans changed',
        },
        refund: {
          eligible: true,
          withinWindow: true,
          status: 'completed',
          amount: PRICE,
          currency: 'EUR',
          stripeRefundId: stripeRefund!.id,
        },
        tenant: { id: t.tenantId, slug: t.slug },
      },
    });
    expect(byUid.get(unrefunded.uid)?.data.refund).toMatchObject({ eligible: false, withinWindow: false });
    expect(byUid.get(lastMinute.uid)?.data.refund).toMatchObject({ eligible: false, withinWindow: false });

    // The cancellation e-mail withdraws the invite: same UID, METHOD:CANCEL.
    const [cancelMail] = await mailsTo(app, refunded.email, 'Booking cancelled');
    const cancelIcs = cancelMail?.attachments?.find((a) => a.filename === 'cancel.ics');
    const calendar = new ICAL.Component(ICAL.parse(cancelIcs!.content));
    expect(calendar.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(new ICAL.Event(calendar.getFirstSubcomponent('vevent')!).uid).toBe(`${refunded.uid}@localhost`);
  });
});
