import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.ts';
import {
  addSignedInMember,
  createTenant,
  startTestApp,
  type TenantFixture,
  type TestApp,
  trpcError,
  useTestApp,
} from '../support/app.ts';
import { book, createWorkshop, DAY, getJson } from '../support/bookings.ts';
import { createTestDatabase } from '../support/db.ts';

// Slot-booked workshops (issue 14): created without a start time, booked on the teacher's free
// times; the seat statement makes the slot's session, and the database decides every race.

const app = useTestApp();

type Member = Awaited<ReturnType<typeof addSignedInMember>>;
let t: TenantFixture;
let teacher: Member;

beforeAll(async () => {
  t = await createTenant(app, { plan: 'enterprise' });
  teacher = await addSignedInMember(app, t.tenantId, 'MEMBER');
});

const MORNINGS = Object.fromEntries(
  ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((day) => [
    day,
    [{ start: '09:00', end: '12:00' }],
  ]),
);

/** A UTC date `n` days ahead, whose 09:00–12:00 no other test uses. */
let dayOffset = 5;
function nextDate(): string {
  dayOffset += 1;
  return new Date(Date.now() + dayOffset * DAY).toISOString().slice(0, 10);
}
const at = (date: string, time: string) => new Date(`${date}T${time}:00.000Z`);

let scheduleId: number | undefined;
async function mornings(fixture: TenantFixture, teacherId: number) {
  const created = await fixture.owner.client.immersio.availability.create.mutate({
    teacherId,
    name: 'Mornings (UTC)',
    timeZone: 'UTC',
    weeklyHours: MORNINGS as never,
    overrides: [],
  });
  return created.id;
}

async function tutoring(overrides: Record<string, unknown> = {}, fixture = t, teacherId = teacher.id) {
  if (fixture === t && scheduleId === undefined) scheduleId = await mornings(t, teacher.id);
  return createWorkshop(fixture, {
    title: `Tutoring ${Math.random().toString(36).slice(2, 7)}`,
    teacherId,
    duration: 60,
    seats: 1,
    workshopType: 'tutoring',
    scheduleId: fixture === t ? scheduleId : await mornings(fixture, teacherId),
    startTime: undefined,
    timeZone: undefined,
    recurrence: undefined,
    ...overrides,
  });
}

function slotRequest(fixture: TenantFixture, slug: string, startTime: Date, email: string) {
  return {
    tenantSlug: fixture.slug,
    workshopSlug: slug,
    startTime: startTime.toISOString(),
    attendee: { name: 'Sam Student', email, timeZone: 'America/Los_Angeles' },
  };
}

function slotsOf(target: TestApp, fixture: TenantFixture, slug: string, query: string) {
  return getJson(target, `/api/v1/public/workshops/${slug}/slots?tenantSlug=${fixture.slug}&${query}`);
}

const email = (name: string) => `${name}-${Math.random().toString(36).slice(2, 8)}@example.test`;

describe('slot-booked workshops', () => {
  it('a workshop created with only the spec’s fields is booked by slot: active, its page and slots answer', async () => {
    const w = await tutoring();
    const full = await t.owner.client.immersio.workshop.get.query({ workshopId: w.id });
    expect(full).toMatchObject({
      status: 'active',
      bookingMode: 'slots',
      scheduleId,
      minimumNoticeMinutes: 120,
      bookingHorizonDays: 60,
      sessions: [],
    });
    const page = await fetch(new URL(new URL(w.bookingUrl).pathname, app.baseUrl));
    expect(page.status).toBe(200);

    const publicView = await getJson(app, `/api/v1/public/workshops/${w.slug}?tenantSlug=${t.slug}`);
    expect(publicView.status).toBe(200);
    expect(publicView.body.bookingMode).toBe('slots');
    expect(publicView.body.schedule.length).toBeGreaterThan(0);
    expect(publicView.body.schedule[0]).toMatchObject({ availableSeats: 1 });

    const date = nextDate();
    const slots = await slotsOf(app, t, w.slug, `from=${date}&to=${date}&timeZone=UTC`);
    expect(slots.status).toBe(200);
    expect(slots.body).toEqual({
      timeZone: 'UTC',
      days: [
        {
          date,
          slots: ['09:00', '10:00', '11:00'].map((time) => ({
            startTime: at(date, time).toISOString(),
            endTime: new Date(at(date, time).getTime() + 3_600_000).toISOString(),
            availableSeats: 1,
          })),
        },
      ],
    });
    // The visitor's zone: Tokyo is UTC+9, so 09:00 UTC is 18:00 the same date there.
    const tokyo = await slotsOf(app, t, w.slug, `from=${date}&to=${date}&timeZone=Asia/Tokyo`);
    expect(tokyo.body.days[0].slots.map((s: { startTime: string }) => s.startTime)).toEqual([
      at(date, '09:00').toISOString(),
      at(date, '10:00').toISOString(),
      at(date, '11:00').toISOString(),
    ]);
  });

  it('the slots answer refuses a bad range, zone or workshop with a 4xx from the table', async () => {
    const w = await tutoring();
    const date = nextDate();
    const cases: Array<[string, number, string]> = [
      [`from=${date}&to=2020-01-01`, 400, 'VALIDATION_ERROR'],
      ['from=2030-01-01&to=2030-06-01', 400, 'VALIDATION_ERROR'],
      ['from=tomorrow', 400, 'VALIDATION_ERROR'],
      [`from=${date}&timeZone=Mars/Olympus`, 400, 'VALIDATION_ERROR'],
    ];
    for (const [query, status, code] of cases) {
      const answer = await slotsOf(app, t, w.slug, query);
      expect([query, answer.status, answer.body.code]).toEqual([query, status, code]);
    }
    const noTenant = await getJson(app, `/api/v1/public/workshops/${w.slug}/slots?tenantSlug=no-such-school`);
    expect([noTenant.status, noTenant.body.code]).toEqual([404, 'TENANT_NOT_FOUND']);
    const noWorkshop = await slotsOf(app, t, 'no-such-workshop', '');
    expect([noWorkshop.status, noWorkshop.body.code]).toEqual([404, 'WORKSHOP_NOT_FOUND']);
    const noSlug = await getJson(app, `/api/v1/public/workshops/${w.slug}/slots`);
    expect([noSlug.status, noSlug.body.code]).toEqual([400, 'VALIDATION_ERROR']);
  });

  it('booking a 1:1 slot makes its session; the slot is gone, a second student is refused, off-grid is 400', async () => {
    const w = await tutoring();
    const date = nextDate();
    const booked = await book(app, slotRequest(t, w.slug, at(date, '10:00'), email('ana')) as never);
    expect(booked.status).toBe(201);
    expect(booked.body.booking).toMatchObject({
      status: 'accepted',
      startTime: at(date, '10:00').toISOString(),
    });

    const after = await slotsOf(app, t, w.slug, `from=${date}&to=${date}&timeZone=UTC`);
    expect(after.body.days[0].slots.map((s: { startTime: string }) => s.startTime)).toEqual([
      at(date, '09:00').toISOString(),
      at(date, '11:00').toISOString(),
    ]);
    const second = await book(app, slotRequest(t, w.slug, at(date, '10:00'), email('ben')) as never);
    expect([second.status, second.body.code]).toEqual([409, 'NO_SEATS_AVAILABLE']);
    const offGrid = await book(app, slotRequest(t, w.slug, at(date, '10:30'), email('cy')) as never);
    expect([offGrid.status, offGrid.body.code]).toEqual([400, 'VALIDATION_ERROR']);
    const outside = await book(app, slotRequest(t, w.slug, at(date, '15:00'), email('di')) as never);
    expect([outside.status, outside.body.code]).toEqual([400, 'VALIDATION_ERROR']);

    const staffView = await t.owner.client.immersio.workshop.get.query({ workshopId: w.id });
    expect(staffView.sessions).toEqual([
      expect.objectContaining({ startTime: at(date, '10:00'), seats: 1, bookedSeats: 1, timeZone: 'UTC' }),
    ]);
  });

  it('a group slot is joined by later students until it is full', async () => {
    const w = await tutoring({ seats: 3, workshopType: 'workshop' });
    const date = nextDate();
    for (const name of ['ana', 'ben']) {
      expect((await book(app, slotRequest(t, w.slug, at(date, '09:00'), email(name)) as never)).status).toBe(
        201,
      );
    }
    const slots = await slotsOf(app, t, w.slug, `from=${date}&to=${date}&timeZone=UTC`);
    expect(slots.body.days[0].slots[0]).toMatchObject({
      startTime: at(date, '09:00').toISOString(),
      availableSeats: 1,
    });
    const [row] = await queryRows<{ sessions: number; booked: number }>(
      app.database.db,
      sql`select count(*)::int as sessions, sum(booked_seats)::int as booked from workshop_sessions
          where tenant_id = ${t.tenantId} and workshop_id = ${w.id}`,
    );
    expect(row).toEqual({ sessions: 1, booked: 2 });
  });

  it('the teacher’s other booked class takes its time (and buffers) out of the slots', async () => {
    const date = nextDate();
    const fixed = await createWorkshop(t, {
      title: `Fixed ${date}`,
      teacherId: teacher.id,
      seats: 4,
      startTime: at(date, '10:00'),
      timeZone: 'UTC',
      recurrence: { frequency: 'none' },
    });
    const w = await tutoring({ bufferAfterMinutes: 15 });
    // 09:00 + 60 min + 15 min buffer after runs into 10:00; 11:00 is free.
    const slots = await slotsOf(app, t, w.slug, `from=${date}&to=${date}&timeZone=UTC`);
    expect(slots.body.days[0].slots.map((s: { startTime: string }) => s.startTime)).toEqual([
      at(date, '11:00').toISOString(),
    ]);
    expect(
      (await book(app, slotRequest(t, w.slug, at(date, '10:00'), email('ana')) as never)).body.code,
    ).toBe('NO_SEATS_AVAILABLE');
    expect(fixed.sessions).toHaveLength(1);
  });

  it('a staff session overlapping a booked slot is 409 TEACHER_UNAVAILABLE, naming the class', async () => {
    const title = `Tutoring with Ana ${dayOffset}`;
    const w = await tutoring({ title });
    const date = nextDate();
    expect((await book(app, slotRequest(t, w.slug, at(date, '11:00'), email('ana')) as never)).status).toBe(
      201,
    );
    const other = await createWorkshop(t, {
      title: `Planned ${date}`,
      teacherId: teacher.id,
      startTime: at(date, '13:00'),
      timeZone: 'UTC',
      recurrence: { frequency: 'none' },
    });
    const refused = await trpcError(
      t.owner.client.immersio.workshop.addSessions.mutate({
        workshopId: other.id,
        startTime: at(date, '11:30'),
      }),
    );
    expect(refused).toMatchObject({ httpStatus: 409, appCode: 'TEACHER_UNAVAILABLE' });
    expect(refused.message).toContain(title);
    const created = await trpcError(
      createWorkshop(t, {
        title: `Clash ${date}`,
        teacherId: teacher.id,
        startTime: at(date, '10:30'),
        timeZone: 'UTC',
        recurrence: { frequency: 'none' },
      }),
    );
    expect(created).toMatchObject({ httpStatus: 409, appCode: 'TEACHER_UNAVAILABLE' });
  });

  it('a schedule must be the teacher’s own; slot settings are kept and can be changed', async () => {
    const ownerSchedule = await mornings(t, t.owner.id);
    const refused = await trpcError(tutoring({ scheduleId: ownerSchedule }));
    expect(refused).toMatchObject({ httpStatus: 400, appCode: 'VALIDATION_ERROR' });

    const w = await tutoring({ slotIntervalMinutes: 30, maxBookingsPerDay: 2, bufferBeforeMinutes: 10 });
    const updated = await t.owner.client.immersio.workshop.update.mutate({
      workshopId: w.id,
      slotIntervalMinutes: null,
      minimumNoticeMinutes: 0,
      bookingHorizonDays: 30,
    });
    expect(updated).toMatchObject({
      bookingMode: 'slots',
      slotIntervalMinutes: null,
      maxBookingsPerDay: 2,
      bufferBeforeMinutes: 10,
      minimumNoticeMinutes: 0,
      bookingHorizonDays: 30,
    });
    // A MEMBER cannot change a workshop (the spec's admin procedure).
    const member = await trpcError(
      teacher.client.immersio.workshop.update.mutate({ workshopId: w.id, minimumNoticeMinutes: 5 }),
    );
    expect(member).toMatchObject({ httpStatus: 403, appCode: 'FORBIDDEN' });
  });

  it('another tenant’s slots and schedules are out of reach', async () => {
    const other = await createTenant(app);
    const theirs = await tutoring({}, other, other.owner.id);
    const refused = await trpcError(tutoring({ scheduleId: await mornings(other, other.owner.id) }));
    expect(refused).toMatchObject({ httpStatus: 400, appCode: 'VALIDATION_ERROR' });
    const crossed = await slotsOf(app, t, theirs.slug, '');
    expect([crossed.status, crossed.body.code]).toEqual([404, 'WORKSHOP_NOT_FOUND']);
  });

  it('200 concurrent requests for one 1:1 slot: exactly one 201, the rest 409 NO_SEATS_AVAILABLE', async () => {
    const w = await tutoring();
    const date = nextDate();
    const results = await race([app], t, w.slug, at(date, '09:00'));
    expect(results).toEqual({ '201': 1, '409 NO_SEATS_AVAILABLE': 199 });
    await expectOneSession(app, t.tenantId, w.id);
  });

  it.skipIf(!process.env.DATABASE_URL)(
    'the same across two app instances on one PostgreSQL database',
    async () => {
      const database = await createTestDatabase();
      const one = await startTestApp({ database });
      const two = await startTestApp({ database });
      try {
        const fixture = await createTenant(one, { plan: 'enterprise' });
        const member = await addSignedInMember(one, fixture.tenantId, 'MEMBER');
        const w = await tutoring({}, fixture, member.id);
        const results = await race([one, two], fixture, w.slug, at(nextDate(), '09:00'));
        expect(results).toEqual({ '201': 1, '409 NO_SEATS_AVAILABLE': 199 });
        await expectOneSession(one, fixture.tenantId, w.id);
      } finally {
        await one.close();
        await two.close();
        await database.close();
      }
    },
  );
});

async function race(targets: TestApp[], fixture: TenantFixture, slug: string, startTime: Date) {
  const results = await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      book(
        targets[i % targets.length]!,
        slotRequest(fixture, slug, startTime, `racer${i}@example.test`) as never,
      ),
    ),
  );
  const counts: Record<string, number> = {};
  for (const r of results) {
    const key = r.status === 201 ? '201' : `${r.status} ${r.body.code}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

async function expectOneSession(target: TestApp, tenantId: number, workshopId: number) {
  const rows = await queryRows<{ booked: number; bookings: number }>(
    target.database.db,
    sql`select s.booked_seats as booked,
          (select count(*)::int from bookings b where b.session_id = s.id and b.status = 'accepted') as bookings
        from workshop_sessions s where s.tenant_id = ${tenantId} and s.workshop_id = ${workshopId}`,
  );
  expect(rows).toEqual([{ booked: 1, bookings: 1 }]);
}
