import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.ts';
import { formatRange } from '../../src/modules/bookings/emails/email-format.ts';
import {
  addSignedInMember,
  createTenant,
  startTestApp,
  type TenantFixture,
  type TestApp,
  trpcError,
  useTestApp,
} from '../support/app.ts';
import {
  book,
  bookingByUid,
  bookingRequest,
  createWorkshop,
  DAY,
  HOUR,
  manageParts,
  ownHours,
  postJson,
  waitFor,
} from '../support/bookings.ts';
import { createTestDatabase } from '../support/db.ts';
import { mailsTo, sentMail } from '../support/mail.ts';

// Reminders before each session (issue 17, part 1), driven by the test clock: planned by the
// database when a booking is confirmed or moved, re-checked and claimed once when sent.

const app = useTestApp();
const MINUTE = 60_000;

let t: TenantFixture;

beforeAll(async () => {
  t = await createTenant(app, { plan: 'enterprise' });
});

const email = (name: string) => `${name}-${randomBytes(4).toString('hex')}@example.test`;

/**
 * Moves the app's clock forward to `at` (never back). The outbox worker claims by the database's
 * clock, so reminder jobs due by the app's clock are brought forward to the database's now, as
 * other tests do with the jobs they wait for.
 */
async function advanceTo(target: TestApp, at: Date) {
  const by = at.getTime() - target.clock.now().getTime();
  if (by > 0) target.clock.advance(by);
  await queryRows(
    target.database.db,
    sql`update outbox set next_attempt_at = now() - interval '1 second'
        where kind = 'booking.reminder' and status = 'pending'
          and next_attempt_at <= ${target.clock.now().toISOString()}::timestamptz`,
  );
}

/** A one-session free workshop starting `fromNow` after the app's clock. */
function workshopIn(fromNow: number, overrides: Record<string, unknown> = {}, fixture = t, target = app) {
  return createWorkshop(fixture, {
    // On a whole minute, as sessions are planned (the invite's times have whole seconds).
    startTime: new Date(Math.ceil((target.clock.now().getTime() + fromNow + ownHours()) / MINUTE) * MINUTE),
    recurrence: { frequency: 'none' },
    ...overrides,
  });
}

async function reminderJobs(target: TestApp, bookingId: number) {
  return queryRows<{ id: number; status: string; payload: { offsetMinutes: number }; due: Date }>(
    target.database.db,
    sql`select id, status, payload, next_attempt_at as due from outbox
        where kind = 'booking.reminder' and (payload->>'bookingId')::int = ${bookingId} order by id`,
  );
}

/** Waits until every reminder job of the booking due by the app's clock has been handled. */
async function remindersHandled(target: TestApp, bookingId: number) {
  await waitFor(
    async () => {
      const now = target.clock.now().getTime();
      const jobs = await reminderJobs(target, bookingId);
      return jobs.every((j) => j.status !== 'pending' || new Date(j.due).getTime() > now);
    },
    { what: `the due reminders of booking ${bookingId}` },
  );
}

const reminders = async (target: TestApp, to: string) =>
  (await sentMail(target, to)).filter((m) => m.subject.startsWith('Reminder:'));

async function bookFree(workshop: Awaited<ReturnType<typeof createWorkshop>>, address = email('ana')) {
  const res = await book(app, bookingRequest(t, workshop, address));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const { uid, token } = manageParts(res.body.manageUrl);
  return {
    uid,
    token,
    address,
    id: (await bookingByUid(app, uid)).id,
    manageUrl: res.body.manageUrl as string,
  };
}

describe('reminders', () => {
  it('sends one e-mail at each offset (default 24 h and 1 h) with the time, the join link, the manage link and the invite', async () => {
    const w = await workshopIn(3 * DAY);
    const start = w.sessions[0]!.startTime;
    const b = await bookFree(w);
    const jobs = await reminderJobs(app, b.id);
    expect(jobs.map((j) => j.payload.offsetMinutes).sort((x, y) => x - y)).toEqual([60, 1440]);
    // A retry or a second delivery of the same job must not repeat the e-mail.
    await queryRows(
      app.database.db,
      sql`insert into outbox (kind, tenant_id, payload, next_attempt_at)
          select kind, tenant_id, payload, next_attempt_at from outbox
          where kind = 'booking.reminder' and (payload->>'bookingId')::int = ${b.id}`,
    );

    await advanceTo(app, new Date(start.getTime() - 1440 * MINUTE - MINUTE));
    await remindersHandled(app, b.id);
    expect(await reminders(app, b.address)).toHaveLength(0);

    await advanceTo(app, new Date(start.getTime() - 1440 * MINUTE + MINUTE));
    const [first] = await mailsTo(app, b.address, 'Reminder:');
    await remindersHandled(app, b.id);
    expect(await reminders(app, b.address)).toHaveLength(1);
    // The student's zone (America/New_York), the join link, the manage link, the invite.
    const end = new Date(start.getTime() + HOUR);
    expect(first!.text).toContain(formatRange(start, end, 'America/New_York'));
    expect(first!.text).toContain('https://zoom.us/j/999-secret');
    expect(first!.text).toContain(b.manageUrl);
    const ics = first!.attachments.find((a) => a.filename === 'invite.ics');
    const event = new ICAL.Component(ICAL.parse(ics!.content)).getFirstSubcomponent('vevent')!;
    expect(event.getFirstPropertyValue('uid')).toBe(`${b.uid}@localhost`);
    expect((event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate()).toEqual(start);

    await advanceTo(app, new Date(start.getTime() - 60 * MINUTE + MINUTE));
    await waitFor(async () => (await reminders(app, b.address)).length === 2, { what: 'the 1 h reminder' });
    await remindersHandled(app, b.id);
    expect(await reminders(app, b.address)).toHaveLength(2);
    const claimed = await queryRows<{ offset: number }>(
      app.database.db,
      sql`select offset_minutes as offset from booking_reminders where booking_id = ${b.id} order by 1`,
    );
    expect(claimed.map((r) => r.offset)).toEqual([60, 1440]);
  });

  it('skips a cancelled booking', async () => {
    const w = await workshopIn(3 * DAY);
    const start = w.sessions[0]!.startTime;
    const b = await bookFree(w);
    const cancelled = await postJson(app, `/api/v1/public/bookings/${b.uid}/cancel`, { token: b.token });
    expect(cancelled.status).toBe(200);
    await advanceTo(app, new Date(start.getTime() - 30 * MINUTE));
    await remindersHandled(app, b.id);
    expect((await reminderJobs(app, b.id)).map((j) => j.status)).toEqual(['delivered', 'delivered']);
    expect(await reminders(app, b.address)).toHaveLength(0);
  });

  it('sends no late reminder for an offset already past when the booking was made', async () => {
    const w = await workshopIn(3 * HOUR);
    const start = w.sessions[0]!.startTime;
    const b = await bookFree(w);
    expect((await reminderJobs(app, b.id)).map((j) => j.payload.offsetMinutes)).toEqual([60]);
    await remindersHandled(app, b.id);
    expect(await reminders(app, b.address)).toHaveLength(0);
    await advanceTo(app, new Date(start.getTime() - 59 * MINUTE));
    await mailsTo(app, b.address, 'Reminder:');
    await remindersHandled(app, b.id);
    expect(await reminders(app, b.address)).toHaveLength(1);
  });

  it('judges a past offset by the database clock too when a write leaves updated_at stale', async () => {
    const w = await workshopIn(3 * DAY);
    const b = await bookFree(w);
    await queryRows(
      app.database.db,
      sql`delete from outbox where kind = 'booking.reminder' and (payload->>'bookingId')::int = ${b.id}`,
    );
    // Only `status`/`start_time` fire the trigger, so this leaves a stale updated_at behind.
    await queryRows(
      app.database.db,
      sql`update bookings set updated_at = now() - interval '2 days' where id = ${b.id}`,
    );
    // A move that does not bump updated_at: 2 h from the database's now, so the 24 h offset is past.
    await queryRows(
      app.database.db,
      sql`update bookings set start_time = date_trunc('minute', now()) + interval '2 hours',
                              end_time = date_trunc('minute', now()) + interval '3 hours'
          where id = ${b.id}`,
    );
    expect((await reminderJobs(app, b.id)).map((j) => j.payload.offsetMinutes)).toEqual([60]);
  });

  it('follows a reschedule: nothing at the old time, one reminder at the new one', async () => {
    const teacher = await addSignedInMember(app, t.tenantId, 'MEMBER');
    const days = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
    const mornings = Object.fromEntries(days.map((d) => [d, [{ start: '09:00', end: '12:00' }]]));
    const { id: scheduleId } = await t.owner.client.immersio.availability.create.mutate({
      ...{
        teacherId: teacher.id,
        name: 'Mornings',
        timeZone: 'UTC',
        weeklyHours: mornings as never,
        overrides: [],
      },
    });
    const w = await createWorkshop(t, {
      ...{
        title: `Tutoring ${randomBytes(3).toString('hex')}`,
        teacherId: teacher.id,
        duration: 60,
        seats: 1,
      },
      ...{
        workshopType: 'tutoring',
        scheduleId,
        startTime: undefined,
        timeZone: undefined,
        recurrence: undefined,
      },
      reminderMinutesBefore: [1440],
    });
    const date = new Date(app.clock.now().getTime() + 4 * DAY).toISOString().slice(0, 10);
    const at = (time: string) => new Date(`${date}T${time}:00.000Z`);
    const address = email('moved');
    const res = await book(app, {
      ...{ tenantSlug: t.slug, workshopSlug: w.slug, startTime: at('09:00').toISOString() },
      attendee: { name: 'Ana Student', email: address, timeZone: 'Europe/Lisbon' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { uid, token } = manageParts(res.body.manageUrl);
    const { id } = await bookingByUid(app, uid);
    const moved = await postJson(app, `/api/v1/public/bookings/${uid}/reschedule`, {
      token,
      startTime: at('11:00'),
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect((await reminderJobs(app, id)).map((j) => new Date(j.due))).toEqual([
      new Date(at('09:00').getTime() - DAY),
      new Date(at('11:00').getTime() - DAY),
    ]);

    await advanceTo(app, new Date(at('09:00').getTime() - DAY + MINUTE));
    await remindersHandled(app, id);
    expect(await reminders(app, address)).toHaveLength(0);
    await advanceTo(app, new Date(at('11:00').getTime() - DAY + MINUTE));
    const [reminder] = await mailsTo(app, address, 'Reminder:');
    await remindersHandled(app, id);
    expect(await reminders(app, address)).toHaveLength(1);
    expect(reminder!.text).toContain(formatRange(at('11:00'), at('12:00'), 'Europe/Lisbon'));
  });

  it('follows a session staff moved earlier: one reminder before the new time, none at the old', async () => {
    const w = await workshopIn(3 * DAY, { reminderMinutesBefore: [1440] });
    const session = w.sessions[0]!;
    const b = await bookFree(w);
    const newStart = new Date(session.startTime.getTime() - DAY);
    await t.owner.client.immersio.workshop.moveSession.mutate({ sessionId: session.id, startTime: newStart });
    await advanceTo(app, new Date(newStart.getTime() - DAY + MINUTE));
    const [reminder] = await mailsTo(app, b.address, 'Reminder:');
    expect(reminder!.text).toContain(
      formatRange(newStart, new Date(newStart.getTime() + HOUR), 'America/New_York'),
    );
    await advanceTo(app, new Date(session.startTime.getTime() - DAY + MINUTE));
    await remindersHandled(app, b.id);
    expect(await reminders(app, b.address)).toHaveLength(1);
  });

  it('plans a job claimed before its time again for its time instead of sending early', async () => {
    const w = await workshopIn(3 * DAY, { reminderMinutesBefore: [60] });
    const start = w.sessions[0]!.startTime;
    const b = await bookFree(w);
    // The database's clock ahead of the service's: the worker claims it now.
    await queryRows(
      app.database.db,
      sql`update outbox set next_attempt_at = now() - interval '1 second'
          where kind = 'booking.reminder' and (payload->>'bookingId')::int = ${b.id}`,
    );
    const jobs = await waitFor(async () => {
      const all = await reminderJobs(app, b.id);
      return all.length === 2 && all[0]!.status === 'delivered' && all;
    });
    expect(jobs[1]!.status).toBe('pending');
    expect(new Date(jobs[1]!.due)).toEqual(new Date(start.getTime() - HOUR));
    expect(await reminders(app, b.address)).toHaveLength(0);
    await advanceTo(app, new Date(start.getTime() - 30 * MINUTE));
    await mailsTo(app, b.address, 'Reminder:');
    await remindersHandled(app, b.id);
    expect(await reminders(app, b.address)).toHaveLength(1);
  });

  it('is a workshop setting: default [1440, 60], [] turns reminders off, bounds checked', async () => {
    const w = await workshopIn(3 * DAY);
    const got = await t.owner.client.immersio.workshop.get.query({ workshopId: w.id });
    expect(got.reminderMinutesBefore).toEqual([1440, 60]);
    const updated = await t.owner.client.immersio.workshop.update.mutate({
      workshopId: w.id,
      reminderMinutesBefore: [30, 2880],
    });
    expect(updated).toMatchObject({ reminderMinutesBefore: [2880, 30] });
    await t.owner.client.immersio.workshop.update.mutate({ workshopId: w.id, reminderMinutesBefore: [] });
    expect(
      (await t.owner.client.immersio.workshop.get.query({ workshopId: w.id })).reminderMinutesBefore,
    ).toEqual([]);
    const b = await bookFree(w);
    expect(await reminderJobs(app, b.id)).toEqual([]);

    const created = await workshopIn(3 * DAY, { reminderMinutesBefore: [10_080, 5] });
    expect(
      (await t.owner.client.immersio.workshop.get.query({ workshopId: created.id })).reminderMinutesBefore,
    ).toEqual([10_080, 5]);
    for (const bad of [[60, 120, 180, 240], [4], [10_081], [60, 60], [1.5]]) {
      const error = await trpcError(
        t.owner.client.immersio.workshop.update.mutate({ workshopId: w.id, reminderMinutesBefore: bad }),
      );
      expect(error).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });
    }
    const onCreate = await trpcError(workshopIn(3 * DAY, { reminderMinutesBefore: [1, 2] }));
    expect(onCreate).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });
  });

  it.skipIf(!process.env.DATABASE_URL)(
    'two instances on one PostgreSQL database send each reminder once',
    async () => {
      const database = await createTestDatabase();
      const one = await startTestApp({ database });
      const two = await startTestApp({ database });
      try {
        const fixture = await createTenant(one, { plan: 'enterprise' });
        const w = await workshopIn(2 * DAY, {}, fixture, one);
        const start = w.sessions[0]!.startTime;
        const address = email('twice');
        const res = await book(one, bookingRequest(fixture, w, address));
        expect(res.status).toBe(201);
        const { id } = await bookingByUid(one, manageParts(res.body.manageUrl).uid);
        // Copies of each job stand for a lapsed lease redelivered while the first is still sending.
        await queryRows(
          database.db,
          sql`insert into outbox (kind, tenant_id, payload, next_attempt_at)
              select kind, tenant_id, payload, next_attempt_at from outbox, generate_series(1, 3)
              where kind = 'booking.reminder' and (payload->>'bookingId')::int = ${id}`,
        );
        for (const target of [one, two]) await advanceTo(target, new Date(start.getTime() - 30 * MINUTE));
        await remindersHandled(one, id);
        await waitFor(
          async () => (await reminders(one, address)).length + (await reminders(two, address)).length >= 2,
        );
        const all = [...(await reminders(one, address)), ...(await reminders(two, address))];
        expect(all.map((m) => m.subject.startsWith('Reminder:'))).toEqual([true, true]);
        expect((await reminderJobs(one, id)).every((j) => j.status === 'delivered')).toBe(true);
      } finally {
        await one.close();
        await two.close();
        await database.close();
      }
    },
  );
});
