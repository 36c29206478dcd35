import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.ts';
import {
  queueDueTeacherDigests,
  teacherDigestHandler,
} from '../../src/modules/bookings/digest/teacher-digest-job.ts';
import { addMember } from '../../src/modules/tenants/provisioning.ts';
import {
  addSignedInMember,
  createTenant,
  signIn,
  startTestApp,
  type TenantFixture,
  type TestApp,
  trpcClient,
  trpcError,
  useTestApp,
} from '../support/app.ts';
import { book, bookingRequest, createWorkshop, DAY, waitFor } from '../support/bookings.ts';
import { createTestDatabase } from '../support/db.ts';
import { sentMail } from '../support/mail.ts';

// Issue 17: the teachers' morning digest. The poller is called directly as each instance's
// minute tick would call it, with the test clock frozen at the moment under test.

const app = useTestApp();
const ZONE = 'America/New_York';
const DIGEST = 'Today at ';

let t: TenantFixture;

beforeAll(async () => {
  t = await createTenant(app, { plan: 'enterprise' });
});

afterEach(() => app.clock.resume());

let daysUsed = 0;
/** A day of its own for each test, three weeks ahead (YYYY-MM-DD, the teacher's calendar). */
function nextDay(): string {
  daysUsed += 2;
  return new Date(Date.now() + (21 + daysUsed) * DAY).toISOString().slice(0, 10);
}

/** The instant of a local time in the zone. */
const at = (date: string, time: string, zone = ZONE) =>
  DateTime.fromISO(`${date}T${time}`, { zone }).toJSDate();

const nextDate = (date: string) => DateTime.fromISO(date).plus({ days: 1 }).toISODate()!;

const email = (name: string) => `${name}-${randomBytes(4).toString('hex')}@example.test`;

async function teacherIn(fixture: TenantFixture, zone = ZONE, target: TestApp = app) {
  const teacher = await addSignedInMember(target, fixture.tenantId, 'MEMBER');
  await teacher.client.immersio.account.updateProfile.mutate({ name: 'Tara Teacher', timeZone: zone });
  return teacher;
}

async function classAt(
  fixture: TenantFixture,
  teacherId: number,
  start: Date,
  overrides: Record<string, unknown> = {},
) {
  const title = (overrides.title as string | undefined) ?? `Spanish ${randomBytes(3).toString('hex')}`;
  const workshop = await createWorkshop(fixture, {
    teacherId,
    startTime: start,
    timeZone: ZONE,
    recurrence: { frequency: 'none' },
    ...overrides,
    title,
  });
  return { ...workshop, title };
}

/** One minute tick of the poller at `when` (the clock stays there until the test ends). */
function tickAt(when: Date, target: TestApp = app) {
  target.clock.freeze(when);
  return queueDueTeacherDigests(target.running.container);
}

async function digestRows(target: TestApp, teacherId: number) {
  return queryRows<{ tenantId: number; localDate: string }>(
    target.database.db,
    sql`select tenant_id as "tenantId", local_date::text as "localDate" from teacher_digests
        where teacher_id = ${teacherId} order by local_date`,
  );
}

async function digestJobs(target: TestApp, teacherId: number) {
  return queryRows<{ status: string }>(
    target.database.db,
    sql`select status from outbox where kind = 'bookings.teacher-digest'
        and (payload->>'teacherId')::int = ${teacherId} order by id`,
  );
}

/** The teacher's digests sent so far, once every digest job of theirs has been handled. */
async function digestsTo(target: TestApp, teacher: { id: number; email: string }) {
  await waitFor(async () => (await digestJobs(target, teacher.id)).every((j) => j.status !== 'pending'), {
    what: `the digest jobs of teacher ${teacher.id}`,
  });
  return (await sentMail(target, teacher.email)).filter((m) => m.subject.startsWith(DIGEST));
}

describe('the daily digest', () => {
  it("sends one e-mail at 07:00 in the teacher's zone with the day's sessions and rosters, never twice", async () => {
    const teacher = await teacherIn(t);
    const day = nextDay();
    const script = '<script>alert(1)</script>';
    const morning = await classAt(t, teacher.id, at(day, '09:00'), {
      title: 'Spanish <b>& more</b>',
      questions: [{ id: 'goals', label: 'Your goals', type: 'short_text', required: false }],
    });
    const afternoon = await classAt(t, teacher.id, at(day, '14:30'), {
      locations: [{ type: 'in_person', address: 'Main St 1, Springfield' }],
    });
    const cancelled = await classAt(t, teacher.id, at(day, '11:00'));
    const tomorrow = await classAt(t, teacher.id, at(nextDate(day), '09:00'));
    const ana = email('ana');
    const ben = email('ben');
    expect(
      (await book(app, { ...bookingRequest(t, morning, ana), answers: { goals: script } } as never)).status,
    ).toBe(201);
    expect(
      (
        await book(app, {
          ...bookingRequest(t, morning, ben),
          attendee: { name: 'Ben Student', email: ben, timeZone: 'UTC' },
        })
      ).status,
    ).toBe(201);
    await t.owner.client.immersio.booking.cancelSession.mutate({ sessionId: cancelled.sessions[0]!.id });

    // 06:59 in New York (11:59 UTC): not yet.
    await tickAt(at(day, '06:59'));
    expect(await digestRows(app, teacher.id)).toEqual([]);
    expect(await digestsTo(app, teacher)).toEqual([]);

    await tickAt(at(day, '07:00'));
    const [digest] = await waitFor(async () => {
      const sent = (await sentMail(app, teacher.email)).filter((m) => m.subject.startsWith(DIGEST));
      return sent.length > 0 && sent;
    });
    // More ticks, later the same morning: the claimed (school, teacher, day) is not queued again.
    await tickAt(at(day, '07:01'));
    await tickAt(at(day, '08:30'));
    expect(await digestsTo(app, teacher)).toHaveLength(1);
    expect(await digestRows(app, teacher.id)).toEqual([{ tenantId: t.tenantId, localDate: day }]);
    expect(await digestJobs(app, teacher.id)).toEqual([{ status: 'delivered' }]);

    const { text, html } = digest!;
    expect(digest!.subject).toContain('2 sessions');
    expect(text).toContain(`09:00–10:00  Spanish <b>& more</b>`);
    expect(text).toContain(`14:30–15:30  ${afternoon.title}`);
    expect(text.indexOf('09:00–10:00')).toBeLessThan(text.indexOf('14:30–15:30'));
    expect(text).toContain('https://zoom.us/j/999-secret');
    expect(text).toContain('Main St 1, Springfield');
    expect(text).toContain('2 of 8 seats booked');
    expect(text).toContain(ana);
    expect(text).toContain(`Ben Student <${ben}>`);
    expect(text).toContain(`Your goals: ${script}`);
    expect(text).toContain(`/app/sessions/${morning.sessions[0]!.id}`);
    expect(text).not.toContain(cancelled.title);
    expect(text).not.toContain(tomorrow.title);
    // School-written text and students' answers are escaped in the HTML.
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>&');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Spanish &lt;b&gt;&amp; more&lt;/b&gt;');
  });

  it('sends nothing to a teacher who opted out in that school, and again once opted back in', async () => {
    const teacher = await teacherIn(t);
    const day = nextDay();
    await classAt(t, teacher.id, at(day, '10:00'));
    expect(await teacher.client.immersio.account.updateNotifications.mutate({ dailyDigest: false })).toEqual({
      dailyDigest: false,
    });
    await tickAt(at(day, '07:00'));
    expect(await digestRows(app, teacher.id)).toEqual([]);
    expect(await digestsTo(app, teacher)).toEqual([]);

    await teacher.client.immersio.account.updateNotifications.mutate({ dailyDigest: true });
    await tickAt(at(day, '07:01'));
    await waitFor(async () => (await sentMail(app, teacher.email)).length > 0);
    expect(await digestsTo(app, teacher)).toHaveLength(1);
  });

  it("sends nothing on a day without sessions (tomorrow morning's class waits for tomorrow)", async () => {
    const teacher = await teacherIn(t);
    const day = nextDay();
    await classAt(t, teacher.id, at(nextDate(day), '08:00'));
    for (const time of ['07:00', '12:00', '23:59']) await tickAt(at(day, time));
    expect(await digestRows(app, teacher.id)).toEqual([]);
    expect(await digestsTo(app, teacher)).toEqual([]);
    await tickAt(at(nextDate(day), '07:00'));
    expect(await digestRows(app, teacher.id)).toEqual([{ tenantId: t.tenantId, localDate: nextDate(day) }]);
  });

  it('goes out late (no instance ran at 07:00) while the day has sessions to come, listing only those', async () => {
    const teacher = await teacherIn(t);
    const day = nextDay();
    const early = await classAt(t, teacher.id, at(day, '08:00'));
    const late = await classAt(t, teacher.id, at(day, '16:00'));
    // Another teacher's day whose sessions have all begun by the tick gets none.
    const other = await teacherIn(t);
    const done = await classAt(t, other.id, at(day, '09:00'));
    expect(done.sessions).toHaveLength(1);
    await tickAt(at(day, '10:15'));
    const [digest] = await waitFor(async () => {
      const sent = (await sentMail(app, teacher.email)).filter((m) => m.subject.startsWith(DIGEST));
      return sent.length > 0 && sent;
    });
    expect(digest!.text).toContain(late.title);
    expect(digest!.text).not.toContain(early.title);

    expect(await digestRows(app, other.id)).toEqual([]);
  });

  it('follows the teacher’s zone: 07:00 in Tokyo is the evening before in UTC', async () => {
    const teacher = await teacherIn(t, 'Asia/Tokyo');
    const day = nextDay();
    await classAt(t, teacher.id, at(day, '18:00', 'Asia/Tokyo'));
    await tickAt(at(day, '06:59', 'Asia/Tokyo'));
    expect(await digestRows(app, teacher.id)).toEqual([]);
    await tickAt(at(day, '07:00', 'Asia/Tokyo'));
    expect(await digestRows(app, teacher.id)).toEqual([{ tenantId: t.tenantId, localDate: day }]);
    const [digest] = await waitFor(async () => {
      const sent = (await sentMail(app, teacher.email)).filter((m) => m.subject.startsWith(DIGEST));
      return sent.length > 0 && sent;
    });
    expect(digest!.text).toContain('18:00–19:00');
    expect(digest!.text).toContain('Asia/Tokyo');
  });

  it('counts a zone the database does not know as UTC, without stopping the round for others', async () => {
    const lost = await teacherIn(t);
    const teacher = await teacherIn(t);
    const day = nextDay();
    await queryRows(app.database.db, sql`update users set time_zone = 'Mars/Olympus' where id = ${lost.id}`);
    await classAt(t, lost.id, at(day, '10:00', 'UTC'));
    await classAt(t, teacher.id, at(day, '10:00'));
    await tickAt(at(day, '06:59', 'UTC'));
    expect(await digestRows(app, lost.id)).toEqual([]);
    await tickAt(at(day, '07:00', 'UTC'));
    expect(await digestRows(app, lost.id)).toEqual([{ tenantId: t.tenantId, localDate: day }]);
    expect(await digestRows(app, teacher.id)).toEqual([]);
    const [digest] = await waitFor(async () => {
      const sent = (await sentMail(app, lost.email)).filter((m) => m.subject.startsWith(DIGEST));
      return sent.length > 0 && sent;
    });
    expect(digest!.text).toContain('10:00–11:00');
    await tickAt(at(day, '07:00'));
    expect(await digestRows(app, teacher.id)).toEqual([{ tenantId: t.tenantId, localDate: day }]);
  });

  it('the job re-reads when it runs: nothing if opted out, no longer a member, or no session left', async () => {
    const teacher = await teacherIn(t);
    const day = nextDay();
    const w = await classAt(t, teacher.id, at(day, '12:00'));
    const sent: unknown[] = [];
    const { db, env } = app.running.container;
    const send = (now: Date) =>
      teacherDigestHandler({ db, env, now: () => now, sendEmail: async (p) => void sent.push(p) })(
        { teacherId: teacher.id, localDate: day },
        { id: 0, attempt: 1, tenantId: t.tenantId },
      );
    await send(at(day, '07:00'));
    expect(sent).toHaveLength(1);
    await send(at(day, '12:00'));
    expect(sent).toHaveLength(1);

    await teacher.client.immersio.account.updateNotifications.mutate({ dailyDigest: false });
    await send(at(day, '07:00'));
    expect(sent).toHaveLength(1);
    await teacher.client.immersio.account.updateNotifications.mutate({ dailyDigest: true });

    await t.owner.client.immersio.booking.cancelSession.mutate({ sessionId: w.sessions[0]!.id });
    await send(at(day, '07:00'));
    expect(sent).toHaveLength(1);

    const kept = await classAt(t, teacher.id, at(day, '15:00'));
    expect(kept.sessions).toHaveLength(1);
    await send(at(day, '07:00'));
    expect(sent).toHaveLength(2);
    await queryRows(
      db,
      sql`delete from memberships where tenant_id = ${t.tenantId} and user_id = ${teacher.id}`,
    );
    await send(at(day, '07:00'));
    expect(sent).toHaveLength(2);
  });

  it.skipIf(!process.env.DATABASE_URL)(
    'two instances ticking at once on one PostgreSQL database queue and send it once',
    async () => {
      const database = await createTestDatabase();
      const one = await startTestApp({ database });
      const two = await startTestApp({ database });
      try {
        const fixture = await createTenant(one, { plan: 'enterprise' });
        const teacher = await teacherIn(fixture, ZONE, one);
        const day = nextDay();
        await classAt(fixture, teacher.id, at(day, '09:00'));
        const seven = at(day, '07:00');
        const counts = await Promise.all([tickAt(seven, one), tickAt(seven, two), tickAt(seven, one)]);
        expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
        await waitFor(
          async () =>
            (await sentMail(one, teacher.email)).length + (await sentMail(two, teacher.email)).length > 0,
        );
        expect((await digestsTo(one, teacher)).length + (await digestsTo(two, teacher)).length).toBe(1);
        expect(await digestJobs(one, teacher.id)).toEqual([{ status: 'delivered' }]);
      } finally {
        await one.close();
        await two.close();
        await database.close();
      }
    },
  );
});

describe('immersio.account.getNotifications / updateNotifications', () => {
  it('reads and sets the digest for the signed-in member (any role), per school', async () => {
    const member = await addSignedInMember(app, t.tenantId, 'MEMBER');
    expect(await member.client.immersio.account.getNotifications.query()).toEqual({ dailyDigest: true });
    expect(await member.client.immersio.account.updateNotifications.mutate({ dailyDigest: false })).toEqual({
      dailyDigest: false,
    });
    expect(await member.client.immersio.account.getNotifications.query()).toEqual({ dailyDigest: false });
    // The owner's own setting is untouched.
    expect(await t.owner.client.immersio.account.getNotifications.query()).toEqual({ dailyDigest: true });

    // The same person in a second school: each membership has its own.
    const other = await createTenant(app);
    await addMember(app.database.db, {
      tenantId: other.tenantId,
      role: 'ADMIN',
      user: { email: member.email, name: 'A MEMBER', password: member.password },
    });
    const token = await signIn(app.baseUrl, member.email, member.password);
    const client = trpcClient(app.baseUrl, token);
    await client.viewer.switchTenant.mutate({ tenantId: other.tenantId });
    expect(await client.immersio.account.getNotifications.query()).toEqual({ dailyDigest: true });
    await client.immersio.account.updateNotifications.mutate({ dailyDigest: false });
    await client.immersio.account.updateNotifications.mutate({ dailyDigest: true });
    await client.viewer.switchTenant.mutate({ tenantId: t.tenantId });
    expect(await client.immersio.account.getNotifications.query()).toEqual({ dailyDigest: false });
    const rows = await queryRows<{ tenantId: number; dailyDigest: boolean }>(
      app.database.db,
      sql`select tenant_id as "tenantId", daily_digest as "dailyDigest" from memberships
          where user_id = ${member.id} order by tenant_id`,
    );
    expect(rows).toEqual([
      { tenantId: t.tenantId, dailyDigest: false },
      { tenantId: other.tenantId, dailyDigest: true },
    ]);
  });

  it('401 signed out, 403 for an API key, 400 for a bad input', async () => {
    const anonymous = trpcClient(app.baseUrl);
    expect(await trpcError(anonymous.immersio.account.getNotifications.query())).toMatchObject({
      appCode: 'UNAUTHORIZED',
      httpStatus: 401,
    });
    expect(
      await trpcError(anonymous.immersio.account.updateNotifications.mutate({ dailyDigest: false })),
    ).toMatchObject({ appCode: 'UNAUTHORIZED', httpStatus: 401 });
    const { key } = await t.owner.client.immersio.apiKey.create.mutate({ name: 'Script' });
    const script = trpcClient(app.baseUrl, key);
    expect(await trpcError(script.immersio.account.getNotifications.query())).toMatchObject({
      appCode: 'FORBIDDEN',
      httpStatus: 403,
    });
    expect(
      await trpcError(script.immersio.account.updateNotifications.mutate({ dailyDigest: false })),
    ).toMatchObject({ appCode: 'FORBIDDEN', httpStatus: 403 });
    expect(
      await trpcError(
        t.owner.client.immersio.account.updateNotifications.mutate({ dailyDigest: 'no' } as never),
      ),
    ).toMatchObject({ httpStatus: 400 });
    expect(await t.owner.client.immersio.account.getNotifications.query()).toEqual({ dailyDigest: true });
  });
});
