import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  addSignedInMember,
  createTenant,
  type TenantFixture,
  trpcClient,
  trpcError,
  useTestApp,
} from '../support/app.ts';
import { eventsOf } from '../support/bookings.ts';
import { bookSeat, csvRecords, getCsv, oneSessionWorkshop } from '../support/staff-bookings.ts';

// Issue 17, part 3: staff mark each confirmed booking attended or no-show from the session's
// start (immersio.booking.markAttendance / markSessionAttendance); getBookings, the roster, the
// staff list and the CSV show it; ATTENDANCE_MARKED goes to Immersio; getStats' attendanceRate.

const MINUTE = 60_000;

const app = useTestApp({ env: { HOLD_SWEEP_MS: '3600000' } });

type Member = Awaited<ReturnType<typeof addSignedInMember>>;
let a: TenantFixture;
let admin: Member;
let teacher: Member;
let otherTeacher: Member;
let other: TenantFixture;

beforeAll(async () => {
  a = await createTenant(app);
  [admin, teacher, otherTeacher, other] = await Promise.all([
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

/** A free one-session class taught by `teacher`, with `names.length` confirmed bookings. */
async function classWithBookings(names: string[], overrides: Record<string, unknown> = {}) {
  const w = await oneSessionWorkshop(a, {
    title: 'Attendance Spanish',
    teacherId: teacher.id,
    price: 0,
    ...overrides,
  });
  const session = w.sessions[0]!;
  const bookings = [];
  for (const name of names) {
    bookings.push(await bookSeat(app, a, w, `${name.toLowerCase()}-${w.id}@example.test`, name));
  }
  return { w, session, bookings };
}

/** The clock at the session's start plus `afterMs`. */
const startedBy = (session: { startTime: Date }, afterMs = 0) =>
  app.clock.freeze(new Date(session.startTime.getTime() + afterMs));

describe('immersio.booking.markAttendance', () => {
  it('marks a booking from the session’s start, shows it everywhere and sends ATTENDANCE_MARKED', async () => {
    const { w, session, bookings } = await classWithBookings(['Ana', 'Ben']);
    const [ana, ben] = bookings as [(typeof bookings)[number], (typeof bookings)[number]];

    startedBy(session, 5 * MINUTE);
    const marked = await teacher.client.immersio.booking.markAttendance.mutate({
      bookingId: ana.id,
      attendance: 'attended',
    });
    expect(marked).toEqual({
      booking: { id: ana.id, uid: ana.uid, attendance: 'attended', attendanceMarkedAt: app.clock.now() },
    });
    await admin.client.immersio.booking.markAttendance.mutate({ bookingId: ben.id, attendance: 'no_show' });

    const events = (await eventsOf(app, a.tenantId, 'ATTENDANCE_MARKED')).filter(
      (e) => e.data.booking.workshopId === w.id,
    );
    expect(events).toHaveLength(2);
    expect(events[0]).toEqual({
      event: 'ATTENDANCE_MARKED',
      timestamp: app.clock.now().toISOString(),
      data: {
        booking: {
          id: ana.id,
          uid: ana.uid,
          workshopId: w.id,
          eventTypeId: expect.any(Number),
          sessionId: session.id,
          startTime: session.startTime.toISOString(),
          endTime: session.endTime.toISOString(),
          attendance: 'attended',
          markedAt: app.clock.now().toISOString(),
          markedBy: 'teacher',
          attendee: { email: `ana-${w.id}@example.test`, name: 'Ana', timeZone: 'Asia/Tokyo' },
          metadata: {},
        },
        tenant: { id: a.tenantId, slug: a.slug, immersioOrgId: null },
      },
    });
    expect(events[1].data.booking).toMatchObject({ id: ben.id, attendance: 'no_show', markedBy: 'admin' });

    // Changing a mark is allowed and sends the event again.
    app.clock.advance(MINUTE);
    await teacher.client.immersio.booking.markAttendance.mutate({
      bookingId: ben.id,
      attendance: 'attended',
    });
    const again = (await eventsOf(app, a.tenantId, 'ATTENDANCE_MARKED')).filter(
      (e) => e.data.booking.id === ben.id,
    );
    expect(again.map((e) => e.data.booking.attendance)).toEqual(['no_show', 'attended']);

    // getBookings (the spec's fields unchanged, attendance beside them), the roster, the list and the CSV.
    const listed = await a.owner.client.immersio.workshop.getBookings.query({ workshopId: w.id });
    expect(listed.bookings.map((b) => [b.id, b.attendance])).toEqual([
      [ana.id, 'attended'],
      [ben.id, 'attended'],
    ]);
    const roster = await teacher.client.immersio.booking.sessionRoster.query({ sessionId: session.id });
    expect(roster.permissions.markAttendance).toBe(true);
    expect(roster.bookings.map((b) => b.attendance?.status)).toEqual(['attended', 'attended']);
    expect(roster.bookings[1]!.attendance!.markedAt).toEqual(app.clock.now());
    const staffList = await admin.client.immersio.booking.list.query({ workshopId: w.id });
    expect(staffList.bookings.every((b) => b.attendance?.status === 'attended')).toBe(true);
    const csv = await getCsv(app, { workshopId: w.id }, { token: a.owner.token });
    expect(csv.status).toBe(200);
    expect(csvRecords(csv.rows).map((r) => r.Attendance)).toEqual(['attended', 'attended']);
  });

  it('is refused before the session’s start (409) and for a booking that is not confirmed (409)', async () => {
    const { session, bookings } = await classWithBookings(['Early', 'Gone']);
    const [early, gone] = bookings as [(typeof bookings)[number], (typeof bookings)[number]];

    startedBy(session, -1);
    expect(
      await trpcError(
        teacher.client.immersio.booking.markAttendance.mutate({
          bookingId: early.id,
          attendance: 'attended',
        }),
      ),
    ).toMatchObject({ appCode: 'CONFLICT', httpStatus: 409 });
    expect(
      await trpcError(
        teacher.client.immersio.booking.markSessionAttendance.mutate({
          sessionId: session.id,
          attendance: 'attended',
        }),
      ),
    ).toMatchObject({ appCode: 'CONFLICT', httpStatus: 409 });
    const before = await teacher.client.immersio.booking.sessionRoster.query({ sessionId: session.id });
    expect(before.permissions.markAttendance).toBe(false);

    await admin.client.immersio.booking.cancel.mutate({ bookingId: gone.id });
    startedBy(session);
    expect(
      await trpcError(
        admin.client.immersio.booking.markAttendance.mutate({ bookingId: gone.id, attendance: 'no_show' }),
      ),
    ).toMatchObject({ appCode: 'CONFLICT', httpStatus: 409 });
    // Exactly at the start it is allowed.
    await teacher.client.immersio.booking.markAttendance.mutate({
      bookingId: early.id,
      attendance: 'attended',
    });
    const marks = await eventsOf(app, a.tenantId, 'ATTENDANCE_MARKED');
    expect(
      marks.filter((e) => [early.id, gone.id].includes(e.data.booking.id)).map((e) => e.data.booking.id),
    ).toEqual([early.id]);
  });

  it('refuses another school’s booking (404), another teacher’s class (403), bad input (400) and no session (401)', async () => {
    const { session, bookings } = await classWithBookings(['Cross']);
    const bookingId = bookings[0]!.id;
    startedBy(session, MINUTE);
    expect(
      await trpcError(
        other.owner.client.immersio.booking.markAttendance.mutate({ bookingId, attendance: 'attended' }),
      ),
    ).toMatchObject({ appCode: 'BOOKING_NOT_FOUND', httpStatus: 404 });
    expect(
      await trpcError(
        other.owner.client.immersio.booking.markSessionAttendance.mutate({
          sessionId: session.id,
          attendance: 'attended',
        }),
      ),
    ).toMatchObject({ appCode: 'NOT_FOUND', httpStatus: 404 });
    expect(
      await trpcError(
        a.owner.client.immersio.booking.markAttendance.mutate({
          bookingId: 2_000_000_000,
          attendance: 'attended',
        }),
      ),
    ).toMatchObject({ appCode: 'BOOKING_NOT_FOUND', httpStatus: 404 });
    expect(
      await trpcError(
        otherTeacher.client.immersio.booking.markAttendance.mutate({ bookingId, attendance: 'attended' }),
      ),
    ).toMatchObject({ appCode: 'FORBIDDEN', httpStatus: 403 });
    expect(
      await trpcError(
        otherTeacher.client.immersio.booking.markSessionAttendance.mutate({
          sessionId: session.id,
          attendance: 'attended',
        }),
      ),
    ).toMatchObject({ appCode: 'FORBIDDEN', httpStatus: 403 });
    for (const input of [
      { bookingId, attendance: 'present' },
      { bookingId: 0, attendance: 'attended' },
      { bookingId },
      { bookingId: 'x', attendance: 'attended' },
    ]) {
      expect(
        await trpcError(a.owner.client.immersio.booking.markAttendance.mutate(input as never)),
      ).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });
    }
    expect(
      await trpcError(
        a.owner.client.immersio.booking.markSessionAttendance.mutate({
          sessionId: session.id,
          attendance: 'attended',
          bookingIds: [],
        }),
      ),
    ).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });
    expect(
      await trpcError(
        trpcClient(app.baseUrl).immersio.booking.markAttendance.mutate({ bookingId, attendance: 'attended' }),
      ),
    ).toMatchObject({ appCode: 'UNAUTHORIZED', httpStatus: 401 });
    // Nothing was marked by any of these.
    const roster = await a.owner.client.immersio.booking.sessionRoster.query({ sessionId: session.id });
    expect(roster.bookings[0]!.attendance).toBeNull();
  });
});

describe('immersio.booking.markSessionAttendance', () => {
  it('marks the rest of a session at once, keeping earlier marks; a listed booking must be one of its own', async () => {
    const { w, session, bookings } = await classWithBookings(['One', 'Two', 'Three', 'Four']);
    const [one, two, three, four] = bookings.map((b) => b.id) as [number, number, number, number];
    await a.owner.client.immersio.booking.cancel.mutate({ bookingId: four });
    const elsewhere = await classWithBookings(['Elsewhere']);

    startedBy(session, 10 * MINUTE);
    await teacher.client.immersio.booking.markAttendance.mutate({ bookingId: two, attendance: 'no_show' });
    const rest = await teacher.client.immersio.booking.markSessionAttendance.mutate({
      sessionId: session.id,
      attendance: 'attended',
    });
    expect(rest.marked).toBe(2);
    expect(rest.bookings.map((b) => [b.id, b.attendance])).toEqual([
      [one, 'attended'],
      [three, 'attended'],
    ]);
    // Nothing left unmarked: a second "mark the rest" marks nothing and sends nothing.
    expect(
      await teacher.client.immersio.booking.markSessionAttendance.mutate({
        sessionId: session.id,
        attendance: 'attended',
      }),
    ).toEqual({ marked: 0, bookings: [] });

    // A listed booking of another session (or a cancelled one) fails the whole call, marking none.
    for (const bookingIds of [
      [one, elsewhere.bookings[0]!.id],
      [one, four],
    ]) {
      expect(
        await trpcError(
          teacher.client.immersio.booking.markSessionAttendance.mutate({
            sessionId: session.id,
            attendance: 'no_show',
            bookingIds,
          }),
        ),
      ).toMatchObject({ appCode: 'BOOKING_NOT_FOUND', httpStatus: 404 });
    }
    const listed = await admin.client.immersio.booking.markSessionAttendance.mutate({
      sessionId: session.id,
      attendance: 'no_show',
      bookingIds: [three, three],
    });
    expect(listed.bookings.map((b) => [b.id, b.attendance])).toEqual([[three, 'no_show']]);

    const roster = await teacher.client.immersio.booking.sessionRoster.query({ sessionId: session.id });
    expect(roster.bookings.map((b) => [b.id, b.attendance?.status ?? null])).toEqual([
      [one, 'attended'],
      [two, 'no_show'],
      [three, 'no_show'],
      [four, null],
    ]);
    const events = (await eventsOf(app, a.tenantId, 'ATTENDANCE_MARKED')).filter(
      (e) => e.data.booking.workshopId === w.id,
    );
    expect(events.map((e) => [e.data.booking.id, e.data.booking.attendance])).toEqual([
      [two, 'no_show'],
      [one, 'attended'],
      [three, 'attended'],
      [three, 'no_show'],
    ]);
  });

  it('refuses a cancelled session (409)', async () => {
    const { session } = await classWithBookings(['Solo']);
    await a.owner.client.immersio.booking.cancelSession.mutate({ sessionId: session.id });
    startedBy(session, MINUTE);
    expect(
      await trpcError(
        a.owner.client.immersio.booking.markSessionAttendance.mutate({
          sessionId: session.id,
          attendance: 'attended',
        }),
      ),
    ).toMatchObject({ appCode: 'CONFLICT', httpStatus: 409 });
    const roster = await a.owner.client.immersio.booking.sessionRoster.query({ sessionId: session.id });
    expect(roster.permissions.markAttendance).toBe(false);
  });
});

describe('getStats attendanceRate', () => {
  it('is attended ÷ marked over the school, and over their classes for a teacher', async () => {
    // A fresh school, so other tests' marks do not count.
    const s = await createTenant(app);
    const staff = await addSignedInMember(app, s.tenantId, 'MEMBER');
    expect(
      (await s.owner.client.immersio.tenant.getStats.query({ period: 'month' })).attendanceRate,
    ).toBeNull();
    const w = await oneSessionWorkshop(s, { teacherId: staff.id, price: 0 });
    const mine = await oneSessionWorkshop(s, { price: 0 });
    const ids = [];
    for (const name of ['a', 'b', 'c']) ids.push((await bookSeat(app, s, w, `${name}@example.test`)).id);
    const ownerClass = (await bookSeat(app, s, mine, 'd@example.test')).id;
    const start = Math.max(w.sessions[0]!.startTime.getTime(), mine.sessions[0]!.startTime.getTime());
    app.clock.freeze(new Date(start));
    await staff.client.immersio.booking.markSessionAttendance.mutate({
      sessionId: w.sessions[0]!.id,
      attendance: 'attended',
      bookingIds: [ids[0]!, ids[1]!],
    });
    await staff.client.immersio.booking.markAttendance.mutate({ bookingId: ids[2]!, attendance: 'no_show' });
    await s.owner.client.immersio.booking.markAttendance.mutate({
      bookingId: ownerClass,
      attendance: 'no_show',
    });

    const stats = await s.owner.client.immersio.tenant.getStats.query({ period: 'year' });
    expect(stats.attendanceRate).toBe(0.5);
    const overview = await staff.client.immersio.tenant.getOverview.query({ period: 'year' });
    expect(overview.teacherStats!.attendanceRate).toBe(0.6667);
  });
});
