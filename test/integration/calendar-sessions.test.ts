import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { workshopSessions } from '../../src/db/schema/index.ts';
import { MAX_CALENDAR_SESSIONS } from '../../src/modules/workshops/procedures/calendar-sessions.schema.ts';
import { addSignedInMember, createTenant, trpcClient, trpcError, useTestApp } from '../support/app.ts';

const app = useTestApp();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const workshopInput = (teacherId: number, title: string, duration: number) => ({
  title,
  duration,
  price: 0,
  seats: 8,
  locations: [{ type: 'link' as const, link: 'https://meet.example.com/room' }],
  teacherId,
});

/** A whole hour ten days ahead: every session of these tests is in the future. */
const baseTime = () => new Date(Math.ceil((Date.now() + 10 * DAY) / HOUR) * HOUR);

/**
 * Tenant A: the owner teaches "Spanish A1" (45 min) at T, T+1d and T+3d; a MEMBER teaches "French
 * B2" (60 min) at T+2h and T+8d.
 */
async function schoolWithSessions() {
  const t = await createTenant(app);
  const teacher = await addSignedInMember(app, t.tenantId);
  const at = baseTime();
  const spanish = await t.owner.client.immersio.workshop.create.mutate(
    workshopInput(t.owner.id, 'Spanish A1', 45),
  );
  for (const offset of [0, DAY, 3 * DAY]) {
    await t.owner.client.immersio.workshop.addSessions.mutate({
      workshopId: spanish.id,
      startTime: new Date(at.getTime() + offset),
      timeZone: 'Europe/Madrid',
    });
  }
  const french = await t.owner.client.immersio.workshop.create.mutate(
    workshopInput(teacher.id, 'French B2', 60),
  );
  for (const offset of [2 * HOUR, 8 * DAY]) {
    await t.owner.client.immersio.workshop.addSessions.mutate({
      workshopId: french.id,
      startTime: new Date(at.getTime() + offset),
      timeZone: 'America/New_York',
    });
  }
  return { t, teacher, at, spanish, french };
}

const startsOf = (result: { sessions: Array<{ startTime: Date }> }, at: Date) =>
  result.sessions.map((s) => (s.startTime.getTime() - at.getTime()) / MINUTE);

describe('immersio.calendar.sessions', () => {
  it('returns the sessions overlapping [from, to), including one that starts before from', async () => {
    const { t, teacher, at, spanish } = await schoolWithSessions();
    await app.database.db
      .update(workshopSessions)
      .set({ bookedSeats: 8 })
      .where(and(eq(workshopSessions.tenantId, t.tenantId), eq(workshopSessions.startTime, at)));

    const result = await t.owner.client.immersio.calendar.sessions.query({
      from: new Date(at.getTime() + 30 * MINUTE),
      to: new Date(at.getTime() + 3 * DAY),
    });
    // T (45 min) spans from; T+3d starts exactly at the exclusive end and is left out.
    expect(startsOf(result, at)).toEqual([0, 120, 24 * 60]);
    expect(result.truncated).toBe(false);
    expect(result.sessions[0]).toEqual({
      id: expect.any(Number),
      startTime: at,
      endTime: new Date(at.getTime() + 45 * MINUTE),
      timeZone: 'Europe/Madrid',
      seats: 8,
      bookedSeats: 8,
      status: 'scheduled',
      workshop: { id: spanish.id, title: 'Spanish A1', type: 'workshop', status: 'active' },
      teacher: { id: t.owner.id, name: 'Owner' },
    });
    expect(result.sessions[1]).toMatchObject({ teacher: { id: teacher.id, name: 'A MEMBER' } });

    // A session that ends exactly at from does not overlap.
    const after = await t.owner.client.immersio.calendar.sessions.query({
      from: new Date(at.getTime() + 45 * MINUTE),
      to: new Date(at.getTime() + 2 * HOUR),
    });
    expect(after.sessions).toEqual([]);
    // And one that starts before to and ends after it does.
    const before = await t.owner.client.immersio.calendar.sessions.query({
      from: new Date(at.getTime() - HOUR),
      to: new Date(at.getTime() + 20 * MINUTE),
    });
    expect(startsOf(before, at)).toEqual([0]);
  });

  it('keeps cancelled sessions, with their status', async () => {
    const { t, at } = await schoolWithSessions();
    await app.database.db
      .update(workshopSessions)
      .set({ status: 'cancelled', bookedSeats: 0 })
      .where(
        and(
          eq(workshopSessions.tenantId, t.tenantId),
          eq(workshopSessions.startTime, new Date(at.getTime() + DAY)),
        ),
      );
    const result = await t.owner.client.immersio.calendar.sessions.query({
      from: new Date(at.getTime() + 12 * HOUR),
      to: new Date(at.getTime() + 2 * DAY),
    });
    expect(result.sessions.map((s) => s.status)).toEqual(['cancelled']);
  });

  it('filters by teacher for admins; a MEMBER sees only the sessions they teach, whatever they ask', async () => {
    const { t, teacher, at } = await schoolWithSessions();
    const range = { from: at, to: new Date(at.getTime() + 9 * DAY) };
    const all = await t.owner.client.immersio.calendar.sessions.query(range);
    expect(startsOf(all, at)).toEqual([0, 120, 24 * 60, 72 * 60, 192 * 60]);
    const owners = await t.owner.client.immersio.calendar.sessions.query({ ...range, teacherId: t.owner.id });
    expect(startsOf(owners, at)).toEqual([0, 24 * 60, 72 * 60]);
    const admin = await addSignedInMember(app, t.tenantId, 'ADMIN');
    const teachers = await admin.client.immersio.calendar.sessions.query({ ...range, teacherId: teacher.id });
    expect(startsOf(teachers, at)).toEqual([120, 192 * 60]);

    const own = await teacher.client.immersio.calendar.sessions.query(range);
    expect(startsOf(own, at)).toEqual([120, 192 * 60]);
    const asked = await teacher.client.immersio.calendar.sessions.query({ ...range, teacherId: t.owner.id });
    expect(startsOf(asked, at)).toEqual([120, 192 * 60]);
    const colleague = await addSignedInMember(app, t.tenantId);
    expect((await colleague.client.immersio.calendar.sessions.query(range)).sessions).toEqual([]);
  });

  it('never shows another school’s sessions, even when asked for its teacher', async () => {
    const { teacher, at } = await schoolWithSessions();
    const other = await createTenant(app);
    const range = { from: at, to: new Date(at.getTime() + 9 * DAY) };
    expect(await other.owner.client.immersio.calendar.sessions.query(range)).toEqual({
      sessions: [],
      truncated: false,
    });
    expect(
      (await other.owner.client.immersio.calendar.sessions.query({ ...range, teacherId: teacher.id }))
        .sessions,
    ).toEqual([]);
  });

  it('accepts up to 62 days and refuses longer, empty, reversed or malformed ranges', async () => {
    const t = await createTenant(app);
    const from = baseTime();
    const calendar = t.owner.client.immersio.calendar.sessions;
    await expect(calendar.query({ from, to: new Date(from.getTime() + 62 * DAY) })).resolves.toMatchObject({
      sessions: [],
    });
    expect(
      await trpcError(calendar.query({ from, to: new Date(from.getTime() + 62 * DAY + 1) })),
    ).toMatchObject({
      appCode: 'VALIDATION_ERROR',
      httpStatus: 400,
      message: expect.stringMatching(/to: must be at most 62 days/),
    });
    expect(await trpcError(calendar.query({ from, to: from }))).toMatchObject({
      appCode: 'VALIDATION_ERROR',
      message: expect.stringMatching(/to: must be after from/),
    });
    expect(await trpcError(calendar.query({ from, to: new Date(from.getTime() - DAY) }))).toMatchObject({
      appCode: 'VALIDATION_ERROR',
    });
    const bad = [
      { from, to: new Date(from.getTime() + DAY), teacherId: -1 },
      { from, to: new Date(from.getTime() + DAY), teacherId: 1.5 },
      { from: from.toISOString(), to: new Date(from.getTime() + DAY) },
      { to: new Date(from.getTime() + DAY) },
    ];
    for (const input of bad) {
      expect(await trpcError(calendar.query(input as never))).toMatchObject({
        appCode: 'VALIDATION_ERROR',
        httpStatus: 400,
      });
    }
    expect(
      await trpcError(
        trpcClient(app.baseUrl).immersio.calendar.sessions.query({
          from,
          to: new Date(from.getTime() + DAY),
        }),
      ),
    ).toMatchObject({ appCode: 'UNAUTHORIZED', httpStatus: 401 });
  });

  it(`returns at most ${MAX_CALENDAR_SESSIONS} sessions, the earliest, and says so`, async () => {
    const t = await createTenant(app);
    const workshop = await t.owner.client.immersio.workshop.create.mutate(
      workshopInput(t.owner.id, 'Drop-in conversation', 15),
    );
    const from = baseTime();
    // Fifteen-minute slots back to back: more than the cap within three weeks.
    const rows = Array.from({ length: MAX_CALENDAR_SESSIONS + 5 }, (_, i) => ({
      tenantId: t.tenantId,
      workshopId: workshop.id,
      startTime: new Date(from.getTime() + i * 15 * MINUTE),
      endTime: new Date(from.getTime() + (i + 1) * 15 * MINUTE),
      timeZone: 'UTC',
      seats: 8,
    }));
    await app.database.db.insert(workshopSessions).values(rows);
    const result = await t.owner.client.immersio.calendar.sessions.query({
      from,
      to: new Date(from.getTime() + 30 * DAY),
    });
    expect(result.truncated).toBe(true);
    expect(result.sessions).toHaveLength(MAX_CALENDAR_SESSIONS);
    expect(result.sessions.at(-1)!.startTime).toEqual(rows[MAX_CALENDAR_SESSIONS - 1]!.startTime);
  });
});
