import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  addSignedInMember,
  createTenant,
  type TenantFixture,
  trpcClient,
  trpcError,
  useTestApp,
} from '../support/app.ts';
import { bookingByUid, DAY } from '../support/bookings.ts';
import { bookSeat, connectStripe, oneSessionWorkshop, paidSeat } from '../support/staff-bookings.ts';

// immersio.booking.list: bookings across the school with filters, pages and the MEMBER's scope.

const app = useTestApp({ env: { HOLD_SWEEP_MS: '3600000' } });

type Member = Awaited<ReturnType<typeof addSignedInMember>>;
type Workshop = Awaited<ReturnType<typeof oneSessionWorkshop>>;
let a: TenantFixture;
let teacher: Member;
let outsider: Member;
let other: TenantFixture;
/** Paid, taught by the owner, its session on `day` 03:30 UTC: the evening before in New York. */
let paid: Workshop;
/** Free, taught by `teacher`, two days later. */
let taught: Workshop;
let day: Date;
const ids: Record<string, number> = {};

/** `YYYY-MM-DD` of an instant in UTC. */
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

beforeAll(async () => {
  a = await createTenant(app);
  await connectStripe(a);
  await app.database.db.execute(
    sql`update tenants set time_zone = 'America/New_York' where id = ${a.tenantId}`,
  );
  [teacher, outsider, other] = await Promise.all([
    addSignedInMember(app, a.tenantId, 'MEMBER'),
    addSignedInMember(app, a.tenantId, 'MEMBER'),
    createTenant(app),
  ]);
  day = new Date(Math.floor((Date.now() + 10 * DAY) / DAY) * DAY);
  paid = await oneSessionWorkshop(a, {
    title: 'Paid Portuguese',
    startTime: new Date(day.getTime() + 3.5 * 3_600_000),
  });
  taught = await oneSessionWorkshop(a, {
    title: 'Free French',
    price: 0,
    teacherId: teacher.id,
    startTime: new Date(day.getTime() + 2 * DAY + 15 * 3_600_000),
  });
  ids.paidOne = (await paidSeat(app, a, paid, 'paid.one@example.test', 'Paula Paid')).id;
  ids.held = (await bookSeat(app, a, paid, 'held@example.test')).id;
  ids.free = (await bookSeat(app, a, taught, 'free@example.test', 'Fred Free')).id;
  ids.cancelled = (await bookSeat(app, a, taught, 'gone@example.test')).id;
  await a.owner.client.immersio.booking.cancel.mutate({ bookingId: ids.cancelled, reason: 'Moved away' });
  // A lapsed hold: not a booking the list shows unless asked for.
  ids.expired = (await bookSeat(app, a, paid, 'lapsed@example.test')).id;
  await app.database.db.execute(sql`update bookings set status = 'expired' where id = ${ids.expired}`);
  // Another school's booking, which no filter of this school's may reach.
  const theirs = await oneSessionWorkshop(other, { price: 0 });
  ids.theirs = (await bookSeat(app, other, theirs, 'theirs@example.test')).id;
  ids.theirWorkshop = theirs.id;
  ids.theirSession = theirs.sessions[0]!.id;
});

describe('immersio.booking.list', () => {
  it('lists the school’s bookings newest first with session, workshop, teacher, attendee and payment', async () => {
    const { bookings, totalCount } = await a.owner.client.immersio.booking.list.query({});
    expect(bookings.map((b) => b.id)).toEqual([ids.cancelled, ids.free, ids.held, ids.paidOne]);
    expect(totalCount).toBe(4);
    const paidRow = bookings.find((b) => b.id === ids.paidOne)!;
    expect(paidRow).toMatchObject({
      uid: (await bookingByUid(app, paidRow.uid)).uid,
      status: 'accepted',
      paid: true,
      session: {
        id: paid.sessions[0]!.id,
        startTime: paid.sessions[0]!.startTime,
        timeZone: 'Europe/Berlin',
      },
      workshop: { id: paid.id, title: 'Paid Portuguese' },
      teacher: { id: a.owner.id, name: 'Owner' },
      attendee: { name: 'Paula Paid', email: 'paid.one@example.test', timeZone: 'Asia/Tokyo' },
      payment: { amount: 2500, currency: 'EUR', status: 'succeeded' },
      refund: null,
      registrationSource: 'public',
      immersioStudentId: null,
      cancellation: null,
    });
    expect(paidRow.createdAt).toBeInstanceOf(Date);
    expect(bookings.find((b) => b.id === ids.held)).toMatchObject({ status: 'pending', payment: null });
    expect(bookings.find((b) => b.id === ids.cancelled)).toMatchObject({
      status: 'cancelled',
      cancellation: { cancelledBy: 'admin', reason: 'Moved away', cancelledAt: expect.any(Date) },
    });
  });

  it('filters by status, workshop, teacher and session, and pages', async () => {
    const list = (input: Parameters<typeof a.owner.client.immersio.booking.list.query>[0]) =>
      a.owner.client.immersio.booking.list.query(input);
    expect((await list({ status: 'cancelled' })).bookings.map((b) => b.id)).toEqual([ids.cancelled]);
    expect((await list({ status: 'expired' })).bookings.map((b) => b.id)).toEqual([ids.expired]);
    expect((await list({ workshopId: paid.id })).bookings.map((b) => b.id)).toEqual([ids.held, ids.paidOne]);
    expect((await list({ teacherId: teacher.id })).bookings.map((b) => b.id)).toEqual([
      ids.cancelled,
      ids.free,
    ]);
    expect((await list({ sessionId: taught.sessions[0]!.id, status: 'accepted' })).bookings).toHaveLength(1);
    const first = await list({ limit: 3, page: 1 });
    const second = await list({ limit: 3, page: 2 });
    expect(first.bookings.map((b) => b.id)).toEqual([ids.cancelled, ids.free, ids.held]);
    expect(second.bookings.map((b) => b.id)).toEqual([ids.paidOne]);
    expect(second.totalCount).toBe(4);
    expect((await list({ page: 3, limit: 3 })).bookings).toEqual([]);
  });

  it('reads from and to as days in the school’s zone (New York), both included', async () => {
    const list = (from?: string, to?: string) =>
      a.owner.client.immersio.booking.list
        .query({ ...(from && { from }), ...(to && { to }) })
        .then((r) => r.bookings.map((b) => b.id).sort());
    // The paid session starts at 03:30 UTC on `day`: 22:30 the evening before in New York.
    const eveningBefore = isoDay(new Date(day.getTime() - DAY));
    expect(await list(eveningBefore, eveningBefore)).toEqual([ids.paidOne, ids.held].sort());
    expect(await list(isoDay(day), isoDay(day))).toEqual([]);
    expect(await list(isoDay(day))).toEqual([ids.free, ids.cancelled].sort());
    expect(await list(undefined, isoDay(day))).toEqual([ids.paidOne, ids.held].sort());
  });

  it('a MEMBER sees the bookings of the classes they teach only', async () => {
    const mine = await teacher.client.immersio.booking.list.query({});
    expect(mine.bookings.map((b) => b.id)).toEqual([ids.cancelled, ids.free]);
    expect(mine.totalCount).toBe(2);
    expect((await teacher.client.immersio.booking.list.query({ teacherId: teacher.id })).totalCount).toBe(2);
    expect((await outsider.client.immersio.booking.list.query({})).bookings).toEqual([]);
    for (const input of [
      { teacherId: a.owner.id },
      { workshopId: paid.id },
      { sessionId: paid.sessions[0]!.id },
    ]) {
      expect(
        await trpcError(teacher.client.immersio.booking.list.query(input)),
        JSON.stringify(input),
      ).toMatchObject({
        appCode: 'FORBIDDEN',
        httpStatus: 403,
      });
    }
  });

  it('never reaches another school’s bookings', async () => {
    const theirs = await other.owner.client.immersio.booking.list.query({});
    expect(theirs.bookings.map((b) => b.id)).toEqual([ids.theirs]);
    expect(
      await trpcError(other.owner.client.immersio.booking.list.query({ workshopId: paid.id })),
    ).toMatchObject({ appCode: 'WORKSHOP_NOT_FOUND', httpStatus: 404 });
    expect(
      await trpcError(a.owner.client.immersio.booking.list.query({ sessionId: ids.theirSession! })),
    ).toMatchObject({ appCode: 'NOT_FOUND', httpStatus: 404 });
    expect(
      await trpcError(a.owner.client.immersio.booking.list.query({ workshopId: ids.theirWorkshop! })),
    ).toMatchObject({ appCode: 'WORKSHOP_NOT_FOUND', httpStatus: 404 });
    // Another school's teacher as a filter simply matches nothing here.
    expect(
      (await a.owner.client.immersio.booking.list.query({ teacherId: other.owner.id })).bookings,
    ).toEqual([]);
  });

  it('refuses bad input with 400 and a caller without a session with 401', async () => {
    const bad = [
      { from: '2026-05-02', to: '2026-05-01' },
      { from: '2026-13-01' },
      { to: 'tomorrow' },
      { limit: 101 },
      { page: 0 },
      { status: 'paid' },
      { workshopId: -1 },
    ];
    for (const input of bad) {
      expect(
        await trpcError(a.owner.client.immersio.booking.list.query(input as never)),
        JSON.stringify(input),
      ).toMatchObject({ httpStatus: 400 });
    }
    expect(await trpcError(trpcClient(app.baseUrl).immersio.booking.list.query({}))).toMatchObject({
      appCode: 'UNAUTHORIZED',
      httpStatus: 401,
    });
  });
});
