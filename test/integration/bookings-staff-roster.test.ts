import { beforeAll, describe, expect, it } from 'vitest';
import {
  addSignedInMember,
  createTenant,
  type TenantFixture,
  trpcClient,
  trpcError,
  useTestApp,
} from '../support/app.ts';
import { refundsOf } from '../support/bookings.ts';
import { bookSeat, connectStripe, oneSessionWorkshop, paidSeat } from '../support/staff-bookings.ts';

// immersio.booking.sessionRoster and immersio.booking.previewSessionCancellation: one session's
// attendees, and who cancelling it would refund how much, checked against what cancelSession does.

const app = useTestApp({ env: { HOLD_SWEEP_MS: '3600000' } });

type Member = Awaited<ReturnType<typeof addSignedInMember>>;
let a: TenantFixture;
let admin: Member;
let teacher: Member;
let outsider: Member;
let other: TenantFixture;

beforeAll(async () => {
  a = await createTenant(app);
  await connectStripe(a);
  [admin, teacher, outsider, other] = await Promise.all([
    addSignedInMember(app, a.tenantId, 'ADMIN'),
    addSignedInMember(app, a.tenantId, 'MEMBER'),
    addSignedInMember(app, a.tenantId, 'MEMBER'),
    createTenant(app),
  ]);
});

const taughtWorkshop = (overrides: Record<string, unknown> = {}) =>
  oneSessionWorkshop(a, { title: 'Roster Spanish', teacherId: teacher.id, seats: 6, ...overrides });

describe('immersio.booking.sessionRoster', () => {
  it('shows the session and its bookings in booking order, with what the viewer may do', async () => {
    const w = await taughtWorkshop();
    const session = w.sessions[0]!;
    const first = await paidSeat(app, a, w, 'first@example.test', 'First Student');
    const second = await bookSeat(app, a, w, 'second@example.test', 'Second Student');
    const third = await paidSeat(app, a, w, 'third@example.test', 'Third Student');
    await admin.client.immersio.booking.cancel.mutate({ bookingId: third.id, reason: 'Asked to' });

    const roster = await a.owner.client.immersio.booking.sessionRoster.query({ sessionId: session.id });
    expect(roster.session).toEqual({
      id: session.id,
      status: 'scheduled',
      startTime: session.startTime,
      endTime: session.endTime,
      timeZone: 'Europe/Berlin',
      seats: 6,
      bookedSeats: 2,
      workshop: { id: w.id, title: 'Roster Spanish', price: 2500, currency: 'EUR' },
      teacher: { id: teacher.id, name: 'A MEMBER' },
    });
    expect(roster.bookings.map((b) => [b.id, b.status])).toEqual([
      [first.id, 'accepted'],
      [second.id, 'pending'],
      [third.id, 'cancelled'],
    ]);
    expect(roster.bookings[0]).toMatchObject({
      attendee: { name: 'First Student', email: 'first@example.test', timeZone: 'Asia/Tokyo' },
      payment: { amount: 2500, currency: 'EUR', status: 'succeeded' },
      registrationSource: 'public',
    });
    expect(roster.bookings[2]).toMatchObject({
      payment: { status: 'refunded' },
      refund: { amount: 2500, currency: 'EUR', status: 'succeeded' },
      cancellation: { reason: 'Asked to', cancelledBy: 'admin' },
    });
    expect(roster.totalCount).toBe(3);
    expect(roster.permissions).toEqual({
      cancelBookings: true,
      cancelSession: true,
      refund: true,
      markAttendance: false,
    });

    const asTeacher = await teacher.client.immersio.booking.sessionRoster.query({ sessionId: session.id });
    expect(asTeacher.bookings).toHaveLength(3);
    expect(asTeacher.permissions).toEqual({
      cancelBookings: true,
      cancelSession: true,
      refund: false,
      markAttendance: false,
    });

    await teacher.client.immersio.booking.cancelSession.mutate({ sessionId: session.id });
    const closed = await admin.client.immersio.booking.sessionRoster.query({ sessionId: session.id });
    expect(closed.session).toMatchObject({ status: 'cancelled', bookedSeats: 0 });
    expect(closed.bookings.every((b) => b.status === 'cancelled')).toBe(true);
    expect(closed.permissions.cancelSession).toBe(false);
  });

  it('refuses a MEMBER who does not teach it (403), another school (404), a missing session (404), bad input (400) and no session (401)', async () => {
    const w = await taughtWorkshop();
    const sessionId = w.sessions[0]!.id;
    expect(
      await trpcError(outsider.client.immersio.booking.sessionRoster.query({ sessionId })),
    ).toMatchObject({ appCode: 'FORBIDDEN', httpStatus: 403 });
    expect(
      await trpcError(other.owner.client.immersio.booking.sessionRoster.query({ sessionId })),
    ).toMatchObject({ appCode: 'NOT_FOUND', httpStatus: 404 });
    expect(
      await trpcError(a.owner.client.immersio.booking.sessionRoster.query({ sessionId: 2_000_000_000 })),
    ).toMatchObject({ appCode: 'NOT_FOUND', httpStatus: 404 });
    for (const input of [{ sessionId: 0 }, { sessionId: 1.5 }, {}]) {
      expect(
        await trpcError(a.owner.client.immersio.booking.sessionRoster.query(input as never)),
      ).toMatchObject({ httpStatus: 400 });
    }
    expect(
      await trpcError(trpcClient(app.baseUrl).immersio.booking.sessionRoster.query({ sessionId })),
    ).toMatchObject({ appCode: 'UNAUTHORIZED', httpStatus: 401 });
  });
});

describe('immersio.booking.previewSessionCancellation', () => {
  it('lists who would be refunded how much, exactly as cancelSession then does', async () => {
    const w = await taughtWorkshop();
    const sessionId = w.sessions[0]!.id;
    const paidOne = await paidSeat(app, a, w, 'paid1@example.test', 'Paid One');
    const paidTwo = await paidSeat(app, a, w, 'paid2@example.test', 'Paid Two');
    const refundedAlready = await paidSeat(app, a, w, 'refunded@example.test', 'Refunded Already');
    await a.owner.client.immersio.booking.refund.mutate({ bookingId: refundedAlready.id });
    const held = await bookSeat(app, a, w, 'held@example.test', 'Held Seat');
    const cancelledEarlier = await paidSeat(app, a, w, 'earlier@example.test');
    await a.owner.client.immersio.booking.cancel.mutate({ bookingId: cancelledEarlier.id });

    const preview = await teacher.client.immersio.booking.previewSessionCancellation.query({ sessionId });
    expect(preview).toEqual({
      bookings: [
        {
          id: paidOne.id,
          uid: paidOne.uid,
          status: 'accepted',
          paid: true,
          attendee: { name: 'Paid One', email: 'paid1@example.test' },
          refund: { amount: 2500, currency: 'EUR' },
        },
        expect.objectContaining({ id: paidTwo.id, refund: { amount: 2500, currency: 'EUR' } }),
        expect.objectContaining({ id: refundedAlready.id, paid: true, refund: null }),
        expect.objectContaining({ id: held.id, status: 'pending', paid: false, refund: null }),
      ],
      cancelledBookings: 4,
      refundsIssued: 2,
      totals: [{ currency: 'EUR', amount: 5000 }],
    });
    // The preview changed nothing.
    expect(await refundsOf(app, paidOne.id)).toEqual([]);

    const result = await a.owner.client.immersio.booking.cancelSession.mutate({
      sessionId,
      reason: 'Closed',
    });
    expect(result).toEqual({
      success: true,
      cancelledBookings: preview.cancelledBookings,
      refundsIssued: preview.refundsIssued,
    });
    for (const { id, refund } of preview.bookings) {
      const issued = (await refundsOf(app, id)).filter((r) => r.reason === 'session_cancelled');
      expect(
        issued.map((r) => ({ amount: r.amountCents, currency: r.currency })),
        String(id),
      ).toEqual(refund ? [refund] : []);
    }
    expect(
      await trpcError(a.owner.client.immersio.booking.previewSessionCancellation.query({ sessionId })),
    ).toMatchObject({ appCode: 'CONFLICT', httpStatus: 409 });
  });

  it('an empty or free session: nothing to refund', async () => {
    const w = await taughtWorkshop({ price: 0 });
    const sessionId = w.sessions[0]!.id;
    expect(await admin.client.immersio.booking.previewSessionCancellation.query({ sessionId })).toEqual({
      bookings: [],
      cancelledBookings: 0,
      refundsIssued: 0,
      totals: [],
    });
    await bookSeat(app, a, w, 'free@example.test');
    const preview = await admin.client.immersio.booking.previewSessionCancellation.query({ sessionId });
    expect(preview).toMatchObject({ cancelledBookings: 1, refundsIssued: 0, totals: [] });
    expect(preview.bookings[0]).toMatchObject({ status: 'accepted', paid: false, refund: null });
  });

  it('is refused like cancelSession: other MEMBER 403, other school 404, missing 404, bad input 400, no session 401', async () => {
    const w = await taughtWorkshop();
    const sessionId = w.sessions[0]!.id;
    await paidSeat(app, a, w, 'guarded@example.test');
    const preview = (client: typeof outsider.client, input: unknown) =>
      trpcError(client.immersio.booking.previewSessionCancellation.query(input as { sessionId: number }));
    expect(await preview(outsider.client, { sessionId })).toMatchObject({
      appCode: 'FORBIDDEN',
      httpStatus: 403,
    });
    expect(await preview(other.owner.client, { sessionId })).toMatchObject({
      appCode: 'NOT_FOUND',
      httpStatus: 404,
    });
    expect(await preview(a.owner.client, { sessionId: 2_000_000_000 })).toMatchObject({
      appCode: 'NOT_FOUND',
      httpStatus: 404,
    });
    expect(await preview(a.owner.client, { sessionId: 'one' })).toMatchObject({ httpStatus: 400 });
    expect(await preview(trpcClient(app.baseUrl), { sessionId })).toMatchObject({
      appCode: 'UNAUTHORIZED',
      httpStatus: 401,
    });
  });
});
