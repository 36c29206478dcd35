import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StripeEmulator } from '../../dev/stripe-emulator/emulator.ts';
import { queryRows } from '../../src/db/client.ts';
import {
  addSignedInMember,
  createTenant,
  type TenantFixture,
  trpcError,
  useTestApp,
} from '../support/app.ts';
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
  ownHours,
  paymentsOf,
  postJson,
  refundsOf,
  seatState,
  waitFor,
} from '../support/bookings.ts';
import { mailsTo, sentMail } from '../support/mail.ts';

// The sweeper runs only when a test calls it.
const app = useTestApp({ env: { HOLD_SWEEP_MS: '3600000' } });
const PRICE = 4000;

function emulator(): StripeEmulator {
  const running = app.running.stripeEmulator;
  if (!running) throw new Error('the test app runs without the Stripe emulator');
  return running;
}

type Member = Awaited<ReturnType<typeof addSignedInMember>>;
let a: TenantFixture & { accountId: string };
let admin: Member;
/** A MEMBER who teaches the workshops below. */
let teacher: Member;
/** A MEMBER who teaches none of them. */
let outsider: Member;
/** Another tenant's owner. */
let other: TenantFixture;

beforeAll(async () => {
  const t = await createTenant(app);
  const accountId = `acct_${randomBytes(8).toString('hex')}`;
  await t.owner.client.immersio.tenant.updateStripeCredentials.mutate({
    stripeAccountId: accountId,
    stripePublishableKey: 'pk_test_emulator0123',
  });
  a = { ...t, accountId };
  [admin, teacher, outsider, other] = await Promise.all([
    addSignedInMember(app, a.tenantId, 'ADMIN'),
    addSignedInMember(app, a.tenantId, 'MEMBER'),
    addSignedInMember(app, a.tenantId, 'MEMBER'),
    createTenant(app),
  ]);
});

afterEach(() => {
  app.clock.resume();
  app.clock.offsetMs = 0;
});

/** A paid workshop taught by `teacher`, starting on a whole minute five days from now. */
function paidWorkshop(overrides: Record<string, unknown> = {}) {
  return createWorkshop(a, {
    price: PRICE,
    currency: 'EUR',
    seats: 4,
    teacherId: teacher.id,
    startTime: new Date(Math.ceil((Date.now() + 5 * DAY) / 60_000) * 60_000 + ownHours()),
    recurrence: { frequency: 'none' },
    refundWindowHours: 48,
    cancellationNoticeHours: 24,
    ...overrides,
  });
}

type Workshop = Awaited<ReturnType<typeof paidWorkshop>>;

/** A pending booking holding its seat at checkout. */
async function hold(w: Workshop, email: string, session = 0) {
  const res = await book(
    app,
    bookingRequest(a, w, email, { startTime: w.sessions[session]!.startTime.toISOString() }),
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const row = await bookingByUid(app, res.body.booking.uid);
  return { ...row, ...manageParts(res.body.manageUrl), checkoutId: row.stripeCheckoutSessionId! };
}

/** A booking paid at the emulator (accepted, paid), with its payment intent. */
async function paidBooking(w: Workshop, email: string, session = 0) {
  const held = await hold(w, email, session);
  const result = await emulator().pay(held.checkoutId);
  expect(result.deliveries.map((d) => d.status)).toEqual([200]);
  expect(await bookingByUid(app, held.uid)).toMatchObject({ status: 'accepted', paid: true });
  return { ...held, intent: result.paymentIntent!.id };
}

function stripeRefundOf(intent: string) {
  const refunds = emulator()
    .refunds()
    .filter((r) => r.payment_intent === intent);
  expect(refunds.length).toBeLessThanOrEqual(1);
  return refunds[0];
}

async function cancelledEvent(uid: string) {
  const events = (await eventsOf(app, a.tenantId, 'BOOKING_CANCELLED')).filter(
    (e) => e.data.booking.uid === uid,
  );
  expect(events.length).toBeLessThanOrEqual(1);
  return events[0];
}

describe('immersio.booking.cancel', () => {
  it('an admin cancels a paid booking: full refund on the connected account, cancelledBy admin, the seat bookable at once', async () => {
    const w = await paidWorkshop({ seats: 1 });
    const b = await paidBooking(w, 'first@example.test');
    expect((await book(app, bookingRequest(a, w, 'next@example.test'))).body.code).toBe('NO_SEATS_AVAILABLE');

    const result = await admin.client.immersio.booking.cancel.mutate({
      bookingId: b.id,
      reason: '  Teacher is ill ',
    });
    const stripeRefund = stripeRefundOf(b.intent);
    expect(stripeRefund).toMatchObject({ amount: PRICE, currency: 'eur', status: 'succeeded' });
    expect(result).toEqual({
      success: true,
      booking: { id: b.id, uid: b.uid, status: 'cancelled', cancelledAt: expect.any(Date) },
      refund: {
        eligible: true,
        withinWindow: true,
        status: 'completed',
        amount: PRICE,
        currency: 'EUR',
        stripeRefundId: stripeRefund!.id,
      },
    });
    expect(await bookingByUid(app, b.uid)).toMatchObject({
      status: 'cancelled',
      cancelledBy: 'admin',
      cancellationReason: 'Teacher is ill',
    });
    const [refund] = await refundsOf(app, b.id);
    expect(refund).toMatchObject({ status: 'succeeded', reason: 'staff_cancelled', amountCents: PRICE });
    expect(await paymentsOf(app, b.id)).toMatchObject([{ refundedCents: PRICE }]);
    const request = emulator().requests.find(
      (r) => r.path === '/v1/refunds' && r.params.payment_intent === b.intent,
    );
    expect(request).toMatchObject({ account: a.accountId, idempotencyKey: `refund-${refund!.id}` });
    expect((await cancelledEvent(b.uid))?.data).toEqual({
      booking: {
        id: b.id,
        uid: b.uid,
        workshopId: w.id,
        cancelledAt: result.booking.cancelledAt.toISOString(),
        cancelledBy: 'admin',
        cancellationReason: 'Teacher is ill',
      },
      refund: result.refund,
      tenant: { id: a.tenantId, slug: a.slug },
    });
    const [cancelMail] = await mailsTo(app, 'first@example.test', 'Booking cancelled');
    expect(cancelMail!.text).toContain('Teacher is ill');
    expect(cancelMail!.attachments.map((f) => f.filename)).toEqual(['cancel.ics']);
    await outboxSettled(app, a.tenantId);
    const subjects = (await sentMail(app, 'first@example.test')).map((m) => m.subject);
    expect(subjects.sort()).toEqual([
      expect.stringMatching(/^Booking cancelled: /),
      expect.stringMatching(/^Booking confirmed: /),
    ]);

    // The freed seat is bookable at once.
    expect(await seatState(app, w.sessions[0]!.id)).toEqual({ seats: 1, booked: 0, live: 0 });
    expect((await book(app, bookingRequest(a, w, 'next@example.test'))).status).toBe(201);
  });

  it('the workshop’s teacher (a MEMBER) cancels: cancelledBy teacher, refunded in full even outside the refund window', async () => {
    const w = await paidWorkshop();
    const b = await paidBooking(w, 'taught@example.test');
    // 30 h before the start: a student would get nothing back now (window 48 h).
    app.clock.freeze(new Date(w.sessions[0]!.startTime.getTime() - 30 * HOUR));
    const result = await teacher.client.immersio.booking.cancel.mutate({ bookingId: b.id });
    expect(result.refund).toEqual({
      eligible: true,
      withinWindow: false,
      status: 'completed',
      amount: PRICE,
      currency: 'EUR',
      stripeRefundId: stripeRefundOf(b.intent)!.id,
    });
    expect(await bookingByUid(app, b.uid)).toMatchObject({
      status: 'cancelled',
      cancelledBy: 'teacher',
      cancellationReason: null,
    });
    expect((await cancelledEvent(b.uid))?.data.booking).toMatchObject({
      cancelledBy: 'teacher',
      cancellationReason: null,
    });
    expect((await cancelledEvent(b.uid))?.data.refund).toEqual(result.refund);
  });

  it('a MEMBER who does not teach it: 403; another tenant: 404 and untouched; twice: 409; unknown id: 404', async () => {
    const w = await paidWorkshop();
    const b = await paidBooking(w, 'guarded@example.test');
    const untouched = async () => {
      expect(await bookingByUid(app, b.uid)).toMatchObject({
        status: 'accepted',
        paid: true,
        cancelledBy: null,
      });
      expect(await refundsOf(app, b.id)).toEqual([]);
      expect(await seatState(app, w.sessions[0]!.id)).toEqual({ seats: 4, booked: 1, live: 1 });
    };

    expect(
      await trpcError(outsider.client.immersio.booking.cancel.mutate({ bookingId: b.id })),
    ).toMatchObject({
      appCode: 'FORBIDDEN',
      httpStatus: 403,
    });
    await untouched();
    expect(
      await trpcError(other.owner.client.immersio.booking.cancel.mutate({ bookingId: b.id })),
    ).toMatchObject({ appCode: 'BOOKING_NOT_FOUND', httpStatus: 404 });
    await untouched();
    expect(
      await trpcError(admin.client.immersio.booking.cancel.mutate({ bookingId: 2_000_000_000 })),
    ).toMatchObject({ appCode: 'BOOKING_NOT_FOUND', httpStatus: 404 });

    await a.owner.client.immersio.booking.cancel.mutate({ bookingId: b.id });
    expect(await trpcError(admin.client.immersio.booking.cancel.mutate({ bookingId: b.id }))).toMatchObject({
      appCode: 'CONFLICT',
      httpStatus: 409,
    });
    expect(await refundsOf(app, b.id)).toHaveLength(1);
    expect(
      emulator()
        .refunds()
        .filter((r) => r.payment_intent === b.intent),
    ).toHaveLength(1);
  });

  it('cancelling a hold (unpaid): the seat is freed, the checkout expired, nothing refunded or announced', async () => {
    const w = await paidWorkshop({ seats: 1 });
    const held = await hold(w, 'holding@example.test');
    const result = await admin.client.immersio.booking.cancel.mutate({ bookingId: held.id });
    expect(result.refund).toMatchObject({ eligible: false, status: 'not_applicable', amount: 0 });
    expect(await seatState(app, w.sessions[0]!.id)).toEqual({ seats: 1, booked: 0, live: 0 });
    await waitFor(() => emulator().session(held.checkoutId)?.status === 'expired', {
      what: 'the checkout to be expired through the outbox',
    });
    expect(await cancelledEvent(held.uid)).toBeUndefined();
    expect((await book(app, bookingRequest(a, w, 'next@example.test'))).status).toBe(201);
  });
});

describe('immersio.booking.cancelSession', () => {
  it('cancels and refunds every live booking, e-mails them, closes the session; cross-tenant 404', async () => {
    const w = await paidWorkshop({ seats: 4, recurrence: { frequency: 'weekly', count: 2 } });
    const [first, second] = w.sessions as [Workshop['sessions'][0], Workshop['sessions'][0]];
    const p1 = await paidBooking(w, 'p1@example.test');
    const p2 = await paidBooking(w, 'p2@example.test');
    const held = await hold(w, 'held@example.test');
    const nextWeek = await paidBooking(w, 'p1@example.test', 1);
    const schedule = async () =>
      (await getJson(app, `/api/v1/public/workshops/${w.slug}?tenantSlug=${a.slug}`)).body.schedule.map(
        (s: { startTime: string }) => s.startTime,
      );
    expect(await schedule()).toEqual([first.startTime.toISOString(), second.startTime.toISOString()]);

    expect(
      await trpcError(outsider.client.immersio.booking.cancelSession.mutate({ sessionId: first.id })),
    ).toMatchObject({ appCode: 'FORBIDDEN', httpStatus: 403 });
    expect(
      await trpcError(other.owner.client.immersio.booking.cancelSession.mutate({ sessionId: first.id })),
    ).toMatchObject({ appCode: 'NOT_FOUND', httpStatus: 404 });
    expect(await seatState(app, first.id)).toEqual({ seats: 4, booked: 3, live: 3 });

    const result = await teacher.client.immersio.booking.cancelSession.mutate({
      sessionId: first.id,
      reason: 'Teacher unavailable',
    });
    expect(result).toEqual({ success: true, cancelledBookings: 3, refundsIssued: 2 });

    for (const b of [p1, p2]) {
      expect(await bookingByUid(app, b.uid)).toMatchObject({
        status: 'cancelled',
        cancelledBy: 'teacher',
        cancellationReason: 'Teacher unavailable',
      });
      expect(await refundsOf(app, b.id)).toMatchObject([
        { status: 'succeeded', reason: 'session_cancelled' },
      ]);
      const stripeRefund = stripeRefundOf(b.intent);
      expect(stripeRefund).toMatchObject({ amount: PRICE });
      expect((await cancelledEvent(b.uid))?.data.refund).toEqual({
        eligible: true,
        withinWindow: true,
        status: 'completed',
        amount: PRICE,
        currency: 'EUR',
        stripeRefundId: stripeRefund!.id,
      });
    }
    for (const email of ['p1@example.test', 'p2@example.test']) {
      await mailsTo(app, email, 'Booking cancelled');
    }
    await outboxSettled(app, a.tenantId);
    for (const email of ['p1@example.test', 'p2@example.test']) {
      const cancellations = (await sentMail(app, email)).filter((m) =>
        m.subject.startsWith('Booking cancelled'),
      );
      expect(cancellations.map((m) => m.text)).toEqual([expect.stringContaining('Teacher unavailable')]);
    }
    // The unpaid hold: cancelled, its checkout closed, nothing announced.
    expect(await bookingByUid(app, held.uid)).toMatchObject({ status: 'cancelled', paid: false });
    expect(await cancelledEvent(held.uid)).toBeUndefined();
    await waitFor(() => emulator().session(held.checkoutId)?.status === 'expired', {
      what: 'the hold’s checkout to be expired through the outbox',
    });

    // The session is closed: not listed, not bookable; next week's is untouched.
    const [session] = await queryRows<{ status: string }>(
      app.database.db,
      sql`select status from workshop_sessions where id = ${first.id}`,
    );
    expect(session?.status).toBe('cancelled');
    expect(await schedule()).toEqual([second.startTime.toISOString()]);
    const closed = await book(app, bookingRequest(a, w, 'late@example.test'));
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('BOOKING_CLOSED');
    expect(await bookingByUid(app, nextWeek.uid)).toMatchObject({ status: 'accepted', paid: true });
    expect(await seatState(app, second.id)).toEqual({ seats: 4, booked: 1, live: 1 });
    expect(
      await trpcError(admin.client.immersio.booking.cancelSession.mutate({ sessionId: first.id })),
    ).toMatchObject({ appCode: 'CONFLICT', httpStatus: 409 });
  });
});

describe('immersio.booking.refund', () => {
  it('an admin refunds an accepted paid booking inside the window, once; MEMBER 403, other tenant 404', async () => {
    const w = await paidWorkshop();
    const b = await paidBooking(w, 'refund-me@example.test');
    expect(await trpcError(teacher.client.immersio.booking.refund.mutate({ bookingId: b.id }))).toMatchObject(
      {
        appCode: 'FORBIDDEN',
        httpStatus: 403,
      },
    );
    expect(
      await trpcError(other.owner.client.immersio.booking.refund.mutate({ bookingId: b.id, force: true })),
    ).toMatchObject({ appCode: 'BOOKING_NOT_FOUND', httpStatus: 404 });
    expect(await refundsOf(app, b.id)).toEqual([]);

    const result = await admin.client.immersio.booking.refund.mutate({ bookingId: b.id });
    const [row] = await refundsOf(app, b.id);
    expect(result).toEqual({
      success: true,
      refund: { id: row!.id, status: 'succeeded', amount: PRICE, currency: 'EUR' },
    });
    expect(row).toMatchObject({
      status: 'succeeded',
      reason: 'admin',
      stripeRefundId: stripeRefundOf(b.intent)!.id,
    });
    // Refunded, not cancelled: the student keeps the seat and hears about the money.
    expect(await bookingByUid(app, b.uid)).toMatchObject({ status: 'accepted' });
    await mailsTo(app, 'refund-me@example.test', 'Refund issued');

    const again = await trpcError(
      admin.client.immersio.booking.refund.mutate({ bookingId: b.id, force: true }),
    );
    expect(again).toMatchObject({ appCode: 'REFUND_NOT_ELIGIBLE', httpStatus: 400 });
    expect(
      emulator()
        .refunds()
        .filter((r) => r.payment_intent === b.intent),
    ).toHaveLength(1);
  });

  it('outside the refund window: REFUND_NOT_ELIGIBLE unless force; free bookings and holds are never eligible', async () => {
    const w = await paidWorkshop();
    const start = w.sessions[0]!.startTime.getTime();
    const late = await paidBooking(w, 'late-refund@example.test');
    const cancelled = await paidBooking(w, 'cancelled-late@example.test');
    const held = await hold(w, 'still-holding@example.test');

    app.clock.freeze(new Date(start - 48 * HOUR + 1));
    const refused = await trpcError(admin.client.immersio.booking.refund.mutate({ bookingId: late.id }));
    expect(refused).toMatchObject({ appCode: 'REFUND_NOT_ELIGIBLE', httpStatus: 400 });
    expect(refused.message).toContain('force');
    expect(await refundsOf(app, late.id)).toEqual([]);
    const forced = await admin.client.immersio.booking.refund.mutate({ bookingId: late.id, force: true });
    expect(forced.refund).toMatchObject({ status: 'succeeded', amount: PRICE });
    expect(stripeRefundOf(late.intent)).toMatchObject({ amount: PRICE });

    // A student's cancellation after the window got nothing back; an admin may still refund it by force.
    const studentCancel = await postJson(app, `/api/v1/public/bookings/${cancelled.uid}/cancel`, {
      token: cancelled.token,
    });
    expect(studentCancel.body.refund).toMatchObject({ eligible: false });
    expect(
      await trpcError(admin.client.immersio.booking.refund.mutate({ bookingId: cancelled.id })),
    ).toMatchObject({ appCode: 'REFUND_NOT_ELIGIBLE' });
    expect(
      (await admin.client.immersio.booking.refund.mutate({ bookingId: cancelled.id, force: true })).refund
        .status,
    ).toBe('succeeded');

    expect(
      await trpcError(admin.client.immersio.booking.refund.mutate({ bookingId: held.id, force: true })),
    ).toMatchObject({ appCode: 'REFUND_NOT_ELIGIBLE' });
    app.clock.resume();

    const free = await createWorkshop(a, { price: 0, seats: 2, recurrence: { frequency: 'none' } });
    const freeBooking = await book(app, bookingRequest(a, free, 'free@example.test'));
    const freeRow = await bookingByUid(app, freeBooking.body.booking.uid);
    expect(
      await trpcError(admin.client.immersio.booking.refund.mutate({ bookingId: freeRow.id, force: true })),
    ).toMatchObject({ appCode: 'REFUND_NOT_ELIGIBLE', httpStatus: 400 });
  });
});

describe('refunds failing at Stripe', () => {
  it('refused by Stripe: the refund row fails and BOOKING_CANCELLED says failed; an admin can refund again', async () => {
    const w = await paidWorkshop();
    const b = await paidBooking(w, 'refused@example.test');
    emulator().failNext('refund.create', {
      status: 400,
      code: 'charge_disputed',
      message: 'This charge is disputed.',
    });
    const result = await admin.client.immersio.booking.cancel.mutate({ bookingId: b.id });
    expect(result.refund).toEqual({
      eligible: true,
      withinWindow: true,
      status: 'failed',
      amount: PRICE,
      currency: 'EUR',
      stripeRefundId: null,
    });
    expect(await refundsOf(app, b.id)).toMatchObject([{ status: 'failed', stripeRefundId: null }]);
    expect((await cancelledEvent(b.uid))?.data.refund).toEqual(result.refund);
    expect(await bookingByUid(app, b.uid)).toMatchObject({ status: 'cancelled' });
    expect(stripeRefundOf(b.intent)).toBeUndefined();

    const retried = await admin.client.immersio.booking.refund.mutate({ bookingId: b.id });
    expect(retried.refund.status).toBe('succeeded');
    expect(await refundsOf(app, b.id)).toMatchObject([
      { status: 'failed' },
      { status: 'succeeded', reason: 'admin' },
    ]);
    expect(stripeRefundOf(b.intent)).toMatchObject({ amount: PRICE });
  });

  it('a transient Stripe error leaves the refund pending and the outbox `refund` job completes it', async () => {
    const w = await paidWorkshop();
    const b = await paidBooking(w, 'patient@example.test');
    emulator().failNext('refund.create', { status: 500 });
    const result = await admin.client.immersio.booking.cancel.mutate({ bookingId: b.id, reason: 'Moved' });
    expect(result.refund).toMatchObject({ eligible: true, status: 'pending', stripeRefundId: null });
    const [pending] = await refundsOf(app, b.id);
    expect(pending).toMatchObject({ status: 'pending', attempts: 1 });
    expect(await cancelledEvent(b.uid)).toBeUndefined();
    const job = (await outboxOf(app, a.tenantId, 'refund')).find(
      (m) => (m.payload as { refundId?: number }).refundId === pending!.id,
    );
    expect(job?.status).toBe('pending');

    // The retry is due 30 s later. The outbox worker runs on the wall clock, so move the job's
    // due time instead of the clock, then wake the worker.
    await app.database.db.execute(
      sql`update outbox set next_attempt_at = now() - interval '1 second' where id = ${job!.id}`,
    );
    app.running.worker.wake();
    await waitFor(async () => (await refundsOf(app, b.id))[0]?.status === 'succeeded', {
      what: 'the outbox to retry the refund',
    });
    const stripeRefund = stripeRefundOf(b.intent);
    expect(stripeRefund).toMatchObject({ amount: PRICE });
    expect((await refundsOf(app, b.id))[0]).toMatchObject({ stripeRefundId: stripeRefund!.id });
    expect((await cancelledEvent(b.uid))?.data).toMatchObject({
      booking: { cancelledBy: 'admin', cancellationReason: 'Moved' },
      refund: {
        eligible: true,
        withinWindow: true,
        status: 'completed',
        amount: PRICE,
        currency: 'EUR',
        stripeRefundId: stripeRefund!.id,
      },
    });
    await waitFor(
      async () =>
        (await outboxOf(app, a.tenantId, 'refund')).find((m) => m.id === job!.id)?.status === 'delivered',
      { what: 'the refund job to be marked delivered' },
    );
  });
});
