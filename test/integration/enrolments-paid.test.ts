import { beforeAll, describe, expect, it } from 'vitest';
import { type TenantFixture, useTestApp } from '../support/app.ts';
import {
  bookingByUid,
  createWorkshop,
  DAY,
  eventsOf,
  getJson,
  HOUR,
  manageParts,
  outboxSettled,
  paymentsOf,
  postJson,
  refundsOf,
  seatState,
} from '../support/bookings.ts';
import {
  course,
  emulatorOf,
  enrol,
  enrolmentRows,
  payingSchool,
  studentEmail,
} from '../support/enrolments.ts';
import { sentMail } from '../support/mail.ts';

// Whole-course enrolment (issue 16): every remaining session of a fixed-schedule workshop at once,
// paid at one checkout for the total (or the pro-rated course price), cancelled with each
// session's share refunded by the policy.

const app = useTestApp({ env: { HOLD_SWEEP_MS: '3600000' } });
let t: TenantFixture;
beforeAll(async () => {
  t = await payingSchool(app);
});

const enrolAs = (slug: string, attendeeEmail: string, tenant: TenantFixture = t) =>
  enrol(app, tenant, slug, attendeeEmail);
const rowsOf = (uid: string) => enrolmentRows(app, t, uid);

describe('paid enrolments', () => {
  it('one checkout for the sum of the sessions; paying confirms every session; the student cancels with shares refunded by the policy', async () => {
    // Sessions 3, 10 and 17 days away; refunds up to 4 days before each: the first is too close.
    const w = await course(t, {
      price: 2500,
      currency: 'EUR',
      refundWindowHours: 96,
      cancellationNoticeHours: 24,
    });
    const student = studentEmail('paid');
    const res = await enrolAs(w.slug, student);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.enrolment).toMatchObject({ status: 'pending', amount: 7500, currency: 'EUR' });
    expect(res.body.payment).toMatchObject({ amount: 7500, currency: 'EUR' });
    const uid = res.body.enrolment.uid as string;
    const rows = await rowsOf(uid);
    expect(rows.map((r) => [r.status, r.amountCents])).toEqual(Array(3).fill(['pending', 2500]));
    const checkout = rows[0]!.checkout!;
    expect(rows.filter((r) => r.checkout !== null)).toHaveLength(1);
    expect(emulatorOf(app).session(checkout)?.amount_total).toBe(7500);
    // Nothing is announced before the payment.
    expect(
      (await eventsOf(app, t.tenantId, 'BOOKING_CREATED')).filter(
        (e) => e.data.booking.metadata.enrolmentUid === uid,
      ),
    ).toEqual([]);

    const paid = await emulatorOf(app).pay(checkout);
    expect(paid.deliveries.map((d) => d.status)).toEqual(paid.events.map(() => 200));
    expect((await rowsOf(uid)).map((r) => [r.status, r.paid])).toEqual(Array(3).fill(['accepted', true]));
    const lead = await bookingByUid(app, rows[0]!.uid);
    expect(await paymentsOf(app, lead.id)).toMatchObject([{ amountCents: 7500, status: 'succeeded' }]);
    const created = (await eventsOf(app, t.tenantId, 'BOOKING_CREATED')).filter(
      (e) => e.data.booking.metadata.enrolmentUid === uid,
    );
    expect(created.map((e) => e.data.booking.payment)).toEqual(
      Array(3).fill({ amount: 2500, currency: 'EUR', paid: true, stripePaymentId: paid.paymentIntent!.id }),
    );
    await outboxSettled(app, t.tenantId);
    const confirmations = (await sentMail(app, student)).filter((m) =>
      m.subject.startsWith('Enrolment confirmed'),
    );
    expect(confirmations).toHaveLength(1);
    expect(confirmations[0]!.text).toMatch(/Paid: €75\.00 for 3 sessions/);

    const { token } = manageParts(res.body.manageUrl);
    const view = await getJson(app, `/api/v1/public/enrolments/${uid}?token=${token}`);
    expect(view.body.payment).toMatchObject({ status: 'paid', amount: 7500 });
    expect(view.body.cancellation).toMatchObject({ allowed: true, refundAmount: 5000, sessionsKept: [] });

    const cancelled = await postJson(app, `/api/v1/public/enrolments/${uid}/cancel`, {
      token,
      reason: 'Moving away',
    });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body.enrolment).toMatchObject({ uid, status: 'cancelled' });
    expect(cancelled.body.refund).toEqual({ amount: 5000, currency: 'EUR', status: 'completed' });
    expect(cancelled.body.sessions.map((s: { refund: { amount: number } }) => s.refund.amount)).toEqual([
      0, 2500, 2500,
    ]);
    expect((await rowsOf(uid)).map((r) => r.status)).toEqual(Array(3).fill('cancelled'));
    for (const s of w.sessions) expect((await seatState(app, s.id)).booked).toBe(0);
    expect(await paymentsOf(app, lead.id)).toMatchObject([{ refundedCents: 5000 }]);
    expect(await refundsOf(app, lead.id)).toEqual([]);
    const second = await bookingByUid(app, rows[1]!.uid);
    expect(await refundsOf(app, second.id)).toMatchObject([
      { amountCents: 2500, status: 'succeeded', reason: 'enrolment_cancelled' },
    ]);
    expect(
      emulatorOf(app)
        .refunds()
        .filter((r) => r.payment_intent === paid.paymentIntent!.id)
        .map((r) => r.amount),
    ).toEqual([2500, 2500]);

    // BOOKING_CANCELLED per session, with its refund; the student and staff hear once.
    await outboxSettled(app, t.tenantId);
    const events = (await eventsOf(app, t.tenantId, 'BOOKING_CANCELLED')).filter((e) =>
      rows.some((r) => r.uid === e.data.booking.uid),
    );
    expect(
      events.map((e) => [e.data.booking.cancelledBy, e.data.refund.amount, e.data.refund.status]).sort(),
    ).toEqual([
      ['student', 0, 'not_applicable'],
      ['student', 2500, 'completed'],
      ['student', 2500, 'completed'],
    ]);
    const notices = (await sentMail(app, student)).filter((m) => /cancelled/i.test(m.subject));
    expect(notices.map((m) => m.subject)).toEqual([expect.stringMatching(/^Enrolment cancelled: /)]);
    expect(notices[0]!.text).toMatch(/refund of €50\.00 is on its way/);
    const cancel = notices[0]!.attachments.find((a) => a.filename === 'cancel.ics')!.content;
    expect(cancel.match(/BEGIN:VEVENT/g)).toHaveLength(3);
    const staff = (await sentMail(app, t.owner.email)).filter((m) =>
      m.subject.startsWith('Enrolment cancelled'),
    );
    expect(staff).toHaveLength(1);

    // Cancelling again answers the same; the page says it is cancelled.
    const again = await postJson(app, `/api/v1/public/enrolments/${uid}/cancel`, { token });
    expect(again.status).toBe(200);
    expect(again.body.sessions).toEqual([]);
    expect(
      (await getJson(app, `/api/v1/public/enrolments/${uid}?token=${token}`)).body.enrolment.status,
    ).toBe('cancelled');
  });

  it('sessions inside the cancellation notice stay booked; nothing left to cancel is CANCELLATION_CLOSED', async () => {
    // Notice 4 days: the first session (3 days away) stays.
    const w = await course(t, {
      price: 1000,
      currency: 'USD',
      refundWindowHours: 96,
      cancellationNoticeHours: 96,
    });
    const res = await enrolAs(w.slug, studentEmail('notice'));
    const uid = res.body.enrolment.uid as string;
    await emulatorOf(app).pay((await rowsOf(uid))[0]!.checkout!);
    const { token } = manageParts(res.body.manageUrl);
    const view = await getJson(app, `/api/v1/public/enrolments/${uid}?token=${token}`);
    expect(view.body.cancellation.sessionsKept).toEqual([res.body.bookings[0].uid]);
    const cancelled = await postJson(app, `/api/v1/public/enrolments/${uid}/cancel`, { token });
    expect(cancelled.body.refund).toMatchObject({ amount: 2000, status: 'completed' });
    expect((await rowsOf(uid)).map((r) => r.status)).toEqual(['accepted', 'cancelled', 'cancelled']);

    // A one-session course whose only session is inside the notice: nothing to cancel.
    const close = await createWorkshop(t, {
      startTime: new Date(Date.now() + 2 * DAY + 7 * HOUR),
      recurrence: { frequency: 'none' },
      cancellationNoticeHours: 96,
    });
    const one = await enrolAs(close.slug, studentEmail('close'));
    const parts = manageParts(one.body.manageUrl);
    const closed = await postJson(app, `/api/v1/public/enrolments/${parts.uid}/cancel`, {
      token: parts.token,
    });
    expect([closed.status, closed.body.code]).toEqual([400, 'CANCELLATION_CLOSED']);
  });

  it('a late joiner pays the course price pro-rated by the sessions left; an expired checkout gives every seat back', async () => {
    const w = await course(t, { price: 2500, currency: 'EUR', coursePrice: 10000 });
    const first = w.sessions[0]!.startTime.getTime();
    // To just after the first session's start: 2 of 3 sessions left.
    const skip = first - app.clock.now().getTime() + 60_000;
    app.clock.advance(skip);
    try {
      const res = await enrolAs(w.slug, studentEmail('late-joiner'));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      // round(10000 × 2 / 3) = 6667, split 3334 + 3333.
      expect(res.body.enrolment).toMatchObject({ sessionCount: 2, courseSessions: 3, amount: 6667 });
      expect(res.body.bookings.map((b: { amount: number }) => b.amount)).toEqual([3334, 3333]);
      const rows = await rowsOf(res.body.enrolment.uid);
      expect(emulatorOf(app).session(rows[0]!.checkout!)?.amount_total).toBe(6667);
      await emulatorOf(app).expire(rows[0]!.checkout!);
      expect((await rowsOf(res.body.enrolment.uid)).map((r) => r.status)).toEqual(['expired', 'expired']);
      const { uid, token } = manageParts(res.body.manageUrl);
      expect(
        (await getJson(app, `/api/v1/public/enrolments/${uid}?token=${token}`)).body.enrolment.status,
      ).toBe('expired');
      for (const s of w.sessions.slice(1)) expect((await seatState(app, s.id)).booked).toBe(0);
    } finally {
      app.clock.advance(-skip);
    }
    // Everyone enrolling before the first session pays the whole course price.
    const full = await enrolAs(w.slug, studentEmail('on-time'));
    expect(full.body.enrolment).toMatchObject({ sessionCount: 3, amount: 10000 });
  });
});
