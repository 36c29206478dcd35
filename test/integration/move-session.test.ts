import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StripeEmulator } from '../../dev/stripe-emulator/emulator.ts';
import { queryRows } from '../../src/db/client.ts';
import { formatRange } from '../../src/modules/bookings/emails/email-format.ts';
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
  postJson,
  refundsOf,
  seatState,
} from '../support/bookings.ts';
import { queuedEmails } from '../support/emails.ts';
import { entriesOf, fullWorkshop, joined, leave } from '../support/waitlist.ts';

// Staff move a whole session to a new time (issue 17, part 2): its bookings follow in one
// transaction, each attendee is told (new time in their zone, the same invite UID with a higher
// SEQUENCE, a link to cancel with a full refund whatever the policy), staff get a notice, and
// BOOKING_RESCHEDULED goes to Immersio.

const app = useTestApp();

let t: TenantFixture;

beforeAll(async () => {
  t = await createTenant(app, { plan: 'enterprise' });
});

const email = (name: string) => `${name}-${randomBytes(4).toString('hex')}@example.test`;
const oneSession = { recurrence: { frequency: 'none' } };

function invite(content: string) {
  const calendar = new ICAL.Component(ICAL.parse(content));
  const event = calendar.getFirstSubcomponent('vevent')!;
  return {
    uid: event.getFirstPropertyValue('uid'),
    sequence: event.getFirstPropertyValue('sequence'),
    start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate(),
  };
}

describe('immersio.workshop.moveSession', () => {
  it('moves a paid session with its bookings; attendees may cancel with a full refund until the new start', async () => {
    const accountId = `acct_${randomBytes(8).toString('hex')}`;
    await t.owner.client.immersio.tenant.updateStripeCredentials.mutate({
      stripeAccountId: accountId,
      stripePublishableKey: 'pk_test_emulator0123',
    });
    const emulator = app.running.stripeEmulator as StripeEmulator;
    emulator.setWebhookUrl(`${app.baseUrl}/api/v1/webhooks/stripe`);
    // Neither cancelling nor a refund would be allowed by this policy.
    const w = await createWorkshop(t, {
      ...oneSession,
      price: 2500,
      currency: 'EUR',
      seats: 3,
      cancellationNoticeHours: 24 * 30,
      refundWindowHours: 24 * 30,
    });
    const session = w.sessions[0]!;
    const paula = email('paula');
    const held = await book(
      app,
      bookingRequest(t, w, paula, {
        attendee: { name: 'Paula', email: paula, timeZone: 'Asia/Tokyo' },
      }),
    );
    expect(held.status).toBe(201);
    const { uid, token } = manageParts(held.body.manageUrl);
    await emulator.pay((await bookingByUid(app, uid)).stripeCheckoutSessionId!);
    expect(await bookingByUid(app, uid)).toMatchObject({ status: 'accepted', paid: true });
    const holder = email('holder');
    const pending = await book(app, bookingRequest(t, w, holder));
    expect(pending.status).toBe(201);
    const before = await getJson(app, `/api/v1/public/bookings/${uid}?token=${token}`);
    expect(before.body.cancellation.allowed).toBe(false);

    const newStart = new Date(Math.ceil((session.startTime.getTime() + DAY + 2 * HOUR) / 60_000) * 60_000);
    const moved = await t.owner.client.immersio.workshop.moveSession.mutate({
      sessionId: session.id,
      startTime: newStart,
      reason: 'The teacher is travelling',
    });
    expect(moved).toEqual({
      success: true,
      session: { id: session.id, startTime: newStart, endTime: new Date(newStart.getTime() + HOUR) },
      movedBookings: 2,
    });
    const full = await t.owner.client.immersio.workshop.get.query({ workshopId: w.id });
    expect(full.sessions.map((s) => s.startTime)).toEqual([newStart]);
    for (const address of [paula, holder]) {
      expect(await bookingOf(address)).toMatchObject({ startTime: newStart, icsSequence: 1 });
    }
    expect(await seatState(app, session.id)).toEqual({ seats: 3, booked: 2, live: 2 });

    // One BOOKING_RESCHEDULED, for the confirmed booking; the hold moves silently.
    const events = await eventsOf(app, t.tenantId, 'BOOKING_RESCHEDULED');
    expect(events).toHaveLength(1);
    expect(events[0].data.booking).toMatchObject({
      uid,
      startTime: newStart.toISOString(),
      previousStartTime: session.startTime.toISOString(),
      payment: { amount: 2500, currency: 'EUR', paid: true },
    });
    const toPaula = await queuedEmails(app, t.tenantId, paula);
    const confirmation = toPaula.find((m) => m.subject.startsWith('Booking confirmed'))!;
    const notice = toPaula.find((m) => m.subject.startsWith('Booking moved'))!;
    expect(notice.text).toContain('full refund');
    expect(notice.text).toContain('The teacher is travelling');
    expect(notice.text).toContain('Previous time');
    expect(notice.html).toContain(`/bookings/${uid}?token=`);
    const first = invite(confirmation.attachments![0]!.content);
    const update = invite(notice.attachments![0]!.content);
    expect(update).toMatchObject({ uid: first.uid, sequence: 1, start: newStart });
    expect(first.sequence).toBe(0);
    expect(
      (await queuedEmails(app, t.tenantId, holder)).filter((m) => m.subject.startsWith('Booking moved')),
    ).toHaveLength(0);
    const staff = (await queuedEmails(app, t.tenantId, t.owner.email)).filter((m) =>
      m.subject.startsWith('Session moved'),
    );
    expect(staff).toHaveLength(1);
    expect(staff[0]!.text).toContain(paula);

    // The catalogue follows: the new start is bookable, the old one is not.
    expect(
      (await book(app, bookingRequest(t, w, email('late'), { startTime: newStart.toISOString() }))).status,
    ).toBe(201);
    expect((await book(app, bookingRequest(t, w, email('old')))).status).not.toBe(201);

    // Outside the policy's windows, yet cancelling now refunds in full.
    const after = await getJson(app, `/api/v1/public/bookings/${uid}?token=${token}`);
    expect(after.body.cancellation.allowed).toBe(true);
    const cancelled = await postJson(app, `/api/v1/public/bookings/${uid}/cancel`, { token });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    const booking = await bookingByUid(app, uid);
    const refunds = await refundsOf(app, booking.id);
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ amountCents: 2500, currency: 'EUR', reason: 'student_cancelled' });
  });

  it('a clash with another booked class of the teacher is 409 TEACHER_UNAVAILABLE naming it', async () => {
    const title = `Grammar ${randomBytes(3).toString('hex')}`;
    const a = await createWorkshop(t, { ...oneSession, title });
    const b = await createWorkshop(t, oneSession);
    expect((await book(app, bookingRequest(t, a, email('a')))).status).toBe(201);
    expect((await book(app, bookingRequest(t, b, email('b')))).status).toBe(201);
    const error = await trpcError(
      t.owner.client.immersio.workshop.moveSession.mutate({
        sessionId: b.sessions[0]!.id,
        startTime: new Date(a.sessions[0]!.startTime.getTime() + 30 * 60_000),
      }),
    );
    expect(error).toMatchObject({ appCode: 'TEACHER_UNAVAILABLE', httpStatus: 409 });
    expect(error.message).toContain(title);
    const full = await t.owner.client.immersio.workshop.get.query({ workshopId: b.id });
    expect(full.sessions[0]!.startTime).toEqual(b.sessions[0]!.startTime);
    // A half-hour shift of its own time does not clash with itself.
    const shifted = new Date(b.sessions[0]!.startTime.getTime() + 30 * 60_000);
    const ok = await t.owner.client.immersio.workshop.moveSession.mutate({
      sessionId: b.sessions[0]!.id,
      startTime: shifted,
    });
    expect(ok.session.startTime).toEqual(shifted);
  });

  it('onto another session of the same workshop is 409 CONFLICT; the same time, a past time, bad input 400', async () => {
    const w = await createWorkshop(t, { recurrence: { frequency: 'weekly', count: 2 } });
    const [one, two] = w.sessions;
    const move = (input: Record<string, unknown>) =>
      trpcError(t.owner.client.immersio.workshop.moveSession.mutate(input as never));
    expect(await move({ sessionId: two!.id, startTime: one!.startTime })).toMatchObject({
      appCode: 'CONFLICT',
      httpStatus: 409,
    });
    for (const input of [
      { sessionId: one!.id, startTime: one!.startTime },
      { sessionId: one!.id, startTime: new Date(Date.now() - HOUR) },
      { sessionId: one!.id, startTime: 'tomorrow' },
      { sessionId: 'one', startTime: new Date(Date.now() + 9 * DAY) },
      { sessionId: one!.id, startTime: new Date(Date.now() + 9 * DAY), reason: 'x'.repeat(1001) },
      { sessionId: one!.id },
    ]) {
      expect(await move(input), JSON.stringify(input)).toMatchObject({
        appCode: 'VALIDATION_ERROR',
        httpStatus: 400,
      });
    }
    await t.owner.client.immersio.booking.cancelSession.mutate({ sessionId: one!.id });
    expect(await move({ sessionId: one!.id, startTime: new Date(Date.now() + 9 * DAY) })).toMatchObject({
      appCode: 'CONFLICT',
      httpStatus: 409,
    });
  });

  it('the workshop’s teacher as MEMBER moves their own sessions only; another tenant’s is 404', async () => {
    const teacher = await addSignedInMember(app, t.tenantId, 'MEMBER');
    const other = await addSignedInMember(app, t.tenantId, 'MEMBER');
    const w = await createWorkshop(t, { ...oneSession, teacherId: teacher.id });
    const sessionId = w.sessions[0]!.id;
    const startTime = new Date(w.sessions[0]!.startTime.getTime() + 2 * DAY);
    expect(
      await trpcError(other.client.immersio.workshop.moveSession.mutate({ sessionId, startTime })),
    ).toMatchObject({ appCode: 'FORBIDDEN', httpStatus: 403 });
    const stranger = await createTenant(app);
    expect(
      await trpcError(stranger.owner.client.immersio.workshop.moveSession.mutate({ sessionId, startTime })),
    ).toMatchObject({ appCode: 'NOT_FOUND', httpStatus: 404 });
    const moved = await teacher.client.immersio.workshop.moveSession.mutate({ sessionId, startTime });
    expect(moved).toMatchObject({ success: true, movedBookings: 0, session: { startTime } });
  });

  it('tells each student still waiting on the session’s line the new time, with their link; no one else', async () => {
    const { w, session } = await fullWorkshop(app, t, 1, { title: 'Moving Spanish' });
    const other = await fullWorkshop(app, t, 1);
    const wanda = await joined(app, t, w, email('wanda'));
    const unzoned = await joined(app, t, w, email('unzoned'));
    const gone = await joined(app, t, w, email('gone'));
    expect((await leave(app, gone)).status).toBe(200);
    const elsewhere = await joined(app, t, other.w, email('elsewhere'));
    // A zone the runtime does not know (stored before a check, or dropped from tzdata): the session's.
    await queryRows(
      app.database.db,
      sql`update waitlist_entries set time_zone = 'Nowhere/Gone' where uid = ${unzoned.uid}`,
    );
    const line = (await entriesOf(app, session.id)).map((e) => [e.uid, e.status, e.position]);

    const newStart = new Date(session.startTime.getTime() + DAY);
    const newEnd = new Date(newStart.getTime() + HOUR);
    await t.owner.client.immersio.workshop.moveSession.mutate({
      sessionId: session.id,
      startTime: newStart,
      reason: 'Room change',
    });

    const moved = async (address: string) =>
      (await queuedEmails(app, t.tenantId, address)).filter((m) => m.subject.endsWith('has moved'));
    const [toWanda, ...more] = await moved(wanda.email);
    expect(more).toHaveLength(0);
    expect(toWanda!.subject).toBe('Waitlist: Moving Spanish has moved');
    expect(toWanda!.text).toContain(formatRange(newStart, newEnd, 'Europe/Lisbon'));
    expect(toWanda!.text).toContain(formatRange(session.startTime, session.endTime, 'Europe/Lisbon'));
    expect(toWanda!.text).toContain('You keep your place in line');
    expect(toWanda!.text).toContain('Room change');
    expect(toWanda!.text).toContain(wanda.body.manageUrl);
    expect(toWanda!.html).toContain(`/waitlist/${wanda.uid}?token=`);
    const [toUnzoned] = await moved(unzoned.email);
    expect(toUnzoned!.text).toContain(formatRange(newStart, newEnd, session.timeZone));
    expect(await moved(gone.email)).toHaveLength(0);
    expect(await moved(elsewhere.email)).toHaveLength(0);
    // The line is kept as it was, on the moved session.
    expect((await entriesOf(app, session.id)).map((e) => [e.uid, e.status, e.position])).toEqual(line);
  });

  it('a session that has started is 409 CONFLICT', async () => {
    const w = await createWorkshop(t, oneSession);
    const session = w.sessions[0]!;
    const ahead = session.startTime.getTime() - Date.now() + HOUR;
    app.clock.advance(ahead);
    try {
      const error = await trpcError(
        t.owner.client.immersio.workshop.moveSession.mutate({
          sessionId: session.id,
          startTime: new Date(session.startTime.getTime() + 2 * DAY),
        }),
      );
      expect(error).toMatchObject({ appCode: 'CONFLICT', httpStatus: 409 });
    } finally {
      app.clock.advance(-ahead);
    }
  });
});

async function bookingOf(address: string) {
  const [row] = await queryRows<{ startTime: Date; icsSequence: number }>(
    app.database.db,
    sql`select start_time as "startTime", ics_sequence as "icsSequence" from bookings
        where attendee_email = ${address}`,
  );
  return row && { startTime: new Date(row.startTime), icsSequence: row.icsSequence };
}
