import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.ts';
import { addSignedInMember, createTenant, type TenantFixture, useTestApp } from '../support/app.ts';
import {
  book,
  bookingRequest,
  createWorkshop,
  DAY,
  HOUR,
  manageParts,
  postJson,
} from '../support/bookings.ts';

// A teacher is never in two booked classes at once (migration 0012): the database's exclusion
// constraint over (tenant, teacher, session time plus buffers) on booked sessions decides, so two
// bookings racing for the same teacher time cannot both win.

const app = useTestApp({ env: { HOLD_SWEEP_MS: '3600000' } });

type Member = Awaited<ReturnType<typeof addSignedInMember>>;
let a: TenantFixture;
let teacher: Member;
let colleague: Member;

beforeAll(async () => {
  a = await createTenant(app);
  [teacher, colleague] = await Promise.all([
    addSignedInMember(app, a.tenantId, 'MEMBER'),
    addSignedInMember(app, a.tenantId, 'MEMBER'),
  ]);
});

/** A one-session free class at `start` (minutes after a base five days out) for `teacherId`. */
let base = Math.ceil((Date.now() + 5 * DAY) / HOUR) * HOUR;
function classAt(minutes: number, teacherId: number, overrides: Record<string, unknown> = {}) {
  return createWorkshop(a, {
    title: `Class at ${minutes}`,
    teacherId,
    price: 0,
    seats: 5,
    duration: 60,
    startTime: new Date(base + minutes * 60_000),
    recurrence: { frequency: 'none' },
    ...overrides,
  });
}

function nextDay() {
  base += DAY;
}

const email = (name: string) => `${name}-${Math.random().toString(36).slice(2, 8)}@example.test`;

describe('teacher time', () => {
  it('a seat in a class overlapping the teacher’s booked class is 409 TEACHER_UNAVAILABLE; back to back and other teachers are fine', async () => {
    nextDay();
    const first = await classAt(0, teacher.id);
    const overlapping = await classAt(30, teacher.id);
    const adjacent = await classAt(60, teacher.id);
    const otherTeacher = await classAt(0, colleague.id);

    const booked = await book(app, bookingRequest(a, first, email('ana')));
    expect(booked.status).toBe(201);
    // The same class takes more students: one session, not a second commitment.
    expect((await book(app, bookingRequest(a, first, email('ben')))).status).toBe(201);

    const refused = await book(app, bookingRequest(a, overlapping, email('cara')));
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('TEACHER_UNAVAILABLE');
    // Back to back is fine ([start, end) ranges), and so is another teacher at the same time.
    expect((await book(app, bookingRequest(a, adjacent, email('dan')))).status).toBe(201);
    expect((await book(app, bookingRequest(a, otherTeacher, email('eve')))).status).toBe(201);
  });

  it('when the last seat of the first class is given back, the overlapping class can be booked', async () => {
    nextDay();
    const first = await classAt(0, teacher.id);
    const overlapping = await classAt(30, teacher.id);
    const only = await book(app, bookingRequest(a, first, email('gus')));
    expect((await book(app, bookingRequest(a, overlapping, email('hal')))).body.code).toBe(
      'TEACHER_UNAVAILABLE',
    );
    const { uid, token } = manageParts(only.body.manageUrl);
    expect((await postJson(app, `/api/v1/public/bookings/${uid}/cancel`, { token })).status).toBe(200);
    expect((await book(app, bookingRequest(a, overlapping, email('hal')))).status).toBe(201);
  });

  it('40 students racing for two overlapping classes of one teacher: only one class gets students', async () => {
    nextDay();
    const x = await classAt(0, teacher.id, { seats: 40 });
    const y = await classAt(15, teacher.id, { seats: 40 });
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => book(app, bookingRequest(a, i % 2 ? x : y, email(`r${i}`)))),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(answers.filter((r) => r.status === 409).every((r) => r.body.code === 'TEACHER_UNAVAILABLE')).toBe(
      true,
    );
    const seats = await queryRows<{ id: number; booked: number }>(
      app.database.db,
      sql`select id, booked_seats as booked from workshop_sessions
          where id in (${x.sessions[0]!.id}, ${y.sessions[0]!.id}) order by id`,
    );
    const withStudents = seats.filter((s) => s.booked > 0);
    expect(withStudents).toHaveLength(1);
    expect(withStudents[0]!.booked).toBe(statuses.filter((s) => s === 201).length);
  });

  it('buffers keep the teacher free around a class; a workshop handed to a busy teacher is refused', async () => {
    nextDay();
    const first = await classAt(0, teacher.id);
    const later = await classAt(70, teacher.id);
    // 15 minutes after each class of `first`: its session now ends the teacher's time at 01:15.
    await app.database.db.execute(
      sql`update workshops set buffer_after_minutes = 15 where id = ${first.id} and tenant_id = ${a.tenantId}`,
    );
    expect((await book(app, bookingRequest(a, first, email('ian')))).status).toBe(201);
    expect((await book(app, bookingRequest(a, later, email('jo')))).body.code).toBe('TEACHER_UNAVAILABLE');

    // The colleague's booked class at 00:00 the same day; handing `first` to them is refused.
    const theirs = await classAt(0, colleague.id);
    expect((await book(app, bookingRequest(a, theirs, email('kim')))).status).toBe(201);
    const handed = await a.owner.client.immersio.workshop.update
      .mutate({ workshopId: first.id, teacherId: colleague.id })
      .then(
        () => undefined,
        (error: { data?: { appCode?: string; httpStatus?: number } }) => error.data,
      );
    expect(handed).toMatchObject({ appCode: 'TEACHER_UNAVAILABLE', httpStatus: 409 });
  });

  it('another school’s classes never collide with this one’s', async () => {
    nextDay();
    const other = await createTenant(app);
    const mine = await classAt(0, teacher.id);
    const theirs = await createWorkshop(other, {
      price: 0,
      recurrence: { frequency: 'none' },
      startTime: new Date(base),
    });
    expect((await book(app, bookingRequest(a, mine, email('lea')))).status).toBe(201);
    expect((await book(app, bookingRequest(other, theirs, email('max')))).status).toBe(201);
  });
});
