import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ImmersioSimulator, startImmersioSimulator } from '../../dev/immersio-simulator/simulator.ts';
import { queryRows } from '../../src/db/client.ts';
import { COURSE_LINK_KIND } from '../../src/modules/workshops/course-link.ts';
import {
  addSignedInMember,
  createTenant,
  startTestApp,
  type TenantFixture,
  type TestApp,
  trpcError,
  unique,
} from '../support/app.ts';
import { book, bookingRequest, createWorkshop, waitFor } from '../support/bookings.ts';

// Issue 14, "Spec conformance, found by a spec-only client": workshop.create with an Immersio
// course links it (students pulled, later enrolments admitted), mapCourse without syncStudents
// still counts the course's students, and getSyncHistory's errorDetails only on failures.

let sim: ImmersioSimulator;
let app: TestApp;
const WEBHOOK_SECRET = 'immersio-webhook-secret-0014';

beforeAll(async () => {
  sim = await startImmersioSimulator({});
  app = await startTestApp({
    env: {
      IMMERSIO_API_URL: sim.url,
      IMMERSIO_WEBHOOK_SECRET: WEBHOOK_SECRET,
      ALLOW_PRIVATE_WEBHOOK_URLS: 'true',
    },
  });
});
afterAll(async () => {
  await app?.close();
  await sim?.close();
});

type School = TenantFixture & { orgId: string; apiKey: string; courseId: string };

/** A tenant, its Immersio organisation, and a course with `students` enrolled (Student0@Example.test, …). */
async function school(students: number, options: { connect?: boolean } = {}): Promise<School> {
  const t = await createTenant(app, { plan: 'growth' });
  const orgId = unique('org');
  const apiKey = `imm_test_${unique('key')}`;
  sim.addOrg({ id: orgId, name: `Org ${orgId}`, apiKey });
  const courseId = unique('course');
  sim.addCourse(orgId, { id: courseId, name: 'Business English' }, { webhook: false });
  for (let i = 0; i < students; i++) {
    sim.enroll(
      orgId,
      courseId,
      { id: `${courseId}_s${i}`, email: `Student${i}@Example.test`, name: `Student ${i}` },
      { webhook: false },
    );
  }
  const s = { ...t, orgId, apiKey, courseId };
  if (options.connect !== false) await connect(s);
  return s;
}

async function connect(s: School) {
  const result = await s.owner.client.immersio.integration.connect.mutate({
    immersioOrgId: s.orgId,
    apiKey: s.apiKey,
  });
  expect(result.success).toBe(true);
}

/** Immersio's signed webhooks for this organisation go to the app while `during` runs. */
async function withWebhooks(s: School, during: () => void | Promise<void>) {
  sim.setWebhookTarget({ url: `${app.baseUrl}/api/v1/webhooks/immersio`, secret: WEBHOOK_SECRET }, s.orgId);
  try {
    await during();
    await sim.webhooksSettled();
  } finally {
    sim.setWebhookTarget(null, s.orgId);
  }
}

async function whitelistOf(workshopId: number) {
  const rows = await queryRows<{ email: string }>(
    app.database.db,
    sql`select email from whitelist_entries where workshop_id = ${workshopId} order by email`,
  );
  return rows.map((r) => r.email);
}

async function mappingOf(workshopId: number) {
  const [row] = await queryRows<{ courseId: string; syncStudents: boolean }>(
    app.database.db,
    sql`select immersio_course_id as "courseId", sync_students as "syncStudents"
        from course_mappings where workshop_id = ${workshopId}`,
  );
  return row;
}

/** The course-link jobs of a workshop, oldest first. */
async function linkJobsOf(workshopId: number) {
  return queryRows<{ status: string; attempts: number }>(
    app.database.db,
    sql`select status, attempts from outbox
        where kind = ${COURSE_LINK_KIND} and (payload->>'workshopId')::int = ${workshopId} order by id`,
  );
}

/** Waits until every course-link job of the workshop has finished (delivered or dead). */
function linked(workshopId: number) {
  return waitFor(
    async () => {
      const jobs = await linkJobsOf(workshopId);
      return jobs.length > 0 && jobs.every((j) => j.status !== 'pending') && jobs;
    },
    { what: `the course link of workshop ${workshopId}` },
  );
}

const withCourse = (s: School, extra: Record<string, unknown> = {}) =>
  createWorkshop(s, { immersioCourseId: s.courseId, syncStudentsFromImmersio: true, ...extra });

describe('workshop.create with immersioCourseId and syncStudentsFromImmersio', () => {
  it('links the course: its students book a whitelisted workshop, a later student.enrolled too, anyone else is denied', async () => {
    const s = await school(2);
    const w = await withCourse(s, { whitelistEnabled: true });
    expect(await linked(w.id)).toEqual([{ status: 'delivered', attempts: 1 }]);
    expect(await mappingOf(w.id)).toEqual({ courseId: s.courseId, syncStudents: true });
    expect(await whitelistOf(w.id)).toEqual(['student0@example.test', 'student1@example.test']);

    expect((await book(app, bookingRequest(s, w, 'Student0@Example.test'))).status).toBe(201);
    const stranger = await book(app, bookingRequest(s, w, 'stranger@example.test'));
    expect(stranger.status).toBe(403);
    expect(stranger.body.code).toBe('WHITELIST_DENIED');

    await withWebhooks(s, () => {
      sim.enroll(s.orgId, s.courseId, { id: `${s.courseId}_late`, email: 'late@example.test', name: 'Late' });
    });
    expect((await book(app, bookingRequest(s, w, 'late@example.test'))).status).toBe(201);

    const [log] = (await s.owner.client.immersio.integration.getSyncHistory.query({ syncType: 'students' }))
      .logs;
    expect(log).toMatchObject({ status: 'completed', recordsProcessed: 2, errorDetails: null });
    expect(await s.owner.client.immersio.workshop.get.query({ workshopId: w.id })).toMatchObject({
      immersioCourseId: s.courseId,
      syncStudentsFromImmersio: true,
      whitelistEnabled: true,
    });
  });

  it('an enrolment that arrives before the link has run is kept', async () => {
    const s = await school(1);
    // Student webhooks are routed by the school's mirrored courses (as after picking the course
    // from a course sync in the staff app).
    await s.owner.client.immersio.integration.syncCourses.mutate({ fullSync: true });
    // Immersio is slow to list the course's students: the link job waits on it meanwhile.
    sim.failNext('students', { delayMs: 1500 });
    const w = await withCourse(s, { whitelistEnabled: true });
    await withWebhooks(s, () => {
      sim.enroll(s.orgId, s.courseId, { id: `${s.courseId}_early`, email: 'early@example.test', name: 'E' });
    });
    expect(await mappingOf(w.id)).toBeUndefined();
    expect(await whitelistOf(w.id)).toEqual(['early@example.test']);
    await linked(w.id);
    expect(await whitelistOf(w.id)).toEqual(['early@example.test', 'student0@example.test']);
  });

  it('Immersio unreachable: the workshop is created, the link is retried and then pulls the students', async () => {
    const s = await school(1);
    // Every attempt of the client's first call (1 + 3 retries) fails.
    sim.failNext('students', { status: 503, times: 4 });
    const w = await withCourse(s);
    expect(w.id).toEqual(expect.any(Number));
    await waitFor(async () => (await linkJobsOf(w.id))[0]?.attempts === 1, { what: 'the first attempt' });
    expect(await linkJobsOf(w.id)).toEqual([{ status: 'pending', attempts: 1 }]);
    expect(await mappingOf(w.id)).toBeUndefined();
    // Without the link the whitelist is as the school created it: off, so anyone may book.
    expect((await book(app, bookingRequest(s, w, 'walk-in@example.test'))).status).toBe(201);

    // The retry comes after the outbox's backoff; the test makes it due now.
    await app.database.db.execute(
      sql`update outbox set next_attempt_at = now() - interval '1 second'
          where kind = ${COURSE_LINK_KIND} and (payload->>'workshopId')::int = ${w.id} and status = 'pending'`,
    );
    app.running.worker.wake();
    expect(await linked(w.id)).toEqual([{ status: 'delivered', attempts: 2 }]);
    expect(await whitelistOf(w.id)).toEqual(['student0@example.test']);
    // Linking with syncStudents switches the whitelist on, as mapCourse does.
    expect((await book(app, bookingRequest(s, w, 'student0@example.test'))).status).toBe(201);
    expect((await book(app, bookingRequest(s, w, 'another@example.test'))).body.code).toBe(
      'WHITELIST_DENIED',
    );
  });

  it('a course Immersio does not know: no link, a failed students log with the reason, whitelist untouched', async () => {
    const s = await school(0);
    const w = await createWorkshop(s, { immersioCourseId: 'no_such_course', syncStudentsFromImmersio: true });
    expect(await linked(w.id)).toEqual([{ status: 'delivered', attempts: 1 }]);
    expect(await mappingOf(w.id)).toBeUndefined();
    const [log] = (await s.owner.client.immersio.integration.getSyncHistory.query({ syncType: 'students' }))
      .logs;
    expect(log).toMatchObject({
      status: 'failed',
      errorDetails: { error: expect.any(String), courseId: 'no_such_course', workshopId: w.id },
    });
    expect((await book(app, bookingRequest(s, w, 'anyone@example.test'))).status).toBe(201);
  });

  it('not connected: created with the course id kept; connecting later links it and pulls the students', async () => {
    const s = await school(1, { connect: false });
    const w = await withCourse(s, { whitelistEnabled: true });
    expect(await linked(w.id)).toEqual([{ status: 'delivered', attempts: 1 }]);
    expect(await mappingOf(w.id)).toBeUndefined();
    expect(await whitelistOf(w.id)).toEqual([]);
    expect((await s.owner.client.immersio.workshop.get.query({ workshopId: w.id })).immersioCourseId).toBe(
      s.courseId,
    );

    await connect(s);
    await waitFor(async () => (await mappingOf(w.id)) !== undefined, { what: 'the link after connect' });
    await linked(w.id);
    expect(await whitelistOf(w.id)).toEqual(['student0@example.test']);
    expect((await book(app, bookingRequest(s, w, 'student0@example.test'))).status).toBe(201);
  });

  it('workshop.update links, moves and unlinks the course the same way', async () => {
    const s = await school(1);
    const w = await createWorkshop(s, { whitelistEnabled: true });
    await s.owner.client.immersio.workshop.update.mutate({
      workshopId: w.id,
      immersioCourseId: s.courseId,
      syncStudentsFromImmersio: true,
    });
    await linked(w.id);
    expect(await mappingOf(w.id)).toEqual({ courseId: s.courseId, syncStudents: true });
    expect(await whitelistOf(w.id)).toEqual(['student0@example.test']);
    await s.owner.client.immersio.workshop.update.mutate({ workshopId: w.id, immersioCourseId: null });
    await linked(w.id);
    expect(await mappingOf(w.id)).toBeUndefined();
  });

  it("a workshop naming another organisation's course is never linked: none of its students reach it", async () => {
    const a = await school(0);
    const b = await school(1);
    await b.owner.client.immersio.integration.syncCourses.mutate({ fullSync: true });
    const wb = await withCourse(b, { whitelistEnabled: true });
    const wa = await withCourse({ ...a, courseId: b.courseId }, { whitelistEnabled: true });
    await linked(wb.id);
    expect(await linked(wa.id)).toEqual([{ status: 'delivered', attempts: 1 }]);
    expect(await mappingOf(wa.id)).toBeUndefined();
    const [log] = (await a.owner.client.immersio.integration.getSyncHistory.query({ syncType: 'students' }))
      .logs;
    expect(log).toMatchObject({
      status: 'failed',
      errorDetails: { courseId: b.courseId, workshopId: wa.id },
    });
    await withWebhooks(b, () => {
      sim.enroll(b.orgId, b.courseId, { id: unique('stu'), email: 'b-student@example.test', name: 'B' });
    });
    expect(await whitelistOf(wa.id)).toEqual([]);
    expect(await whitelistOf(wb.id)).toEqual(['b-student@example.test', 'student0@example.test']);
    const denied = await book(app, bookingRequest(a, wa, 'student0@example.test'));
    expect(denied.body.code).toBe('WHITELIST_DENIED');
  });

  it('errors: MEMBER 403 and nothing queued; a plan without immersioSync 403', async () => {
    const s = await school(0);
    const member = await addSignedInMember(app, s.tenantId);
    const asMember = member.client.immersio.workshop.create.mutate({
      title: 'Not mine to make',
      duration: 60,
      price: 0,
      seats: 4,
      locations: [{ type: 'zoom', link: 'https://zoom.us/j/1' }],
      teacherId: member.id,
      immersioCourseId: s.courseId,
      syncStudentsFromImmersio: true,
    });
    expect(await trpcError(asMember)).toMatchObject({ appCode: 'FORBIDDEN', httpStatus: 403 });
    const [queued] = await queryRows<{ n: number }>(
      app.database.db,
      sql`select count(*)::int as n from outbox where tenant_id = ${s.tenantId} and kind = ${COURSE_LINK_KIND}`,
    );
    expect(queued?.n).toBe(0);
    const lite = await createTenant(app, { plan: 'lite' });
    expect(
      await trpcError(createWorkshop(lite, { immersioCourseId: 'c', syncStudentsFromImmersio: true })),
    ).toMatchObject({ appCode: 'FORBIDDEN', httpStatus: 403 });
  });
});

describe('immersio.integration.mapCourse without syncStudents', () => {
  it("answers the course's real student count and leaves the whitelist alone", async () => {
    const s = await school(3);
    await s.owner.client.immersio.integration.syncCourses.mutate({ fullSync: true });
    // Enrolled after the course sync: the live count is 4, the mirrored one 3.
    sim.enroll(
      s.orgId,
      s.courseId,
      { id: `${s.courseId}_s3`, email: 'student3@example.test', name: 'S' },
      {
        webhook: false,
      },
    );
    const w = await createWorkshop(s);
    expect(
      await s.owner.client.immersio.integration.mapCourse.mutate({
        workshopId: w.id,
        immersioCourseId: s.courseId,
        syncStudents: false,
      }),
    ).toEqual({
      mappingId: expect.any(Number),
      courseName: 'Business English',
      studentCount: 4,
      whitelistUpdated: false,
    });
    expect(await whitelistOf(w.id)).toEqual([]);
    expect(await mappingOf(w.id)).toEqual({ courseId: s.courseId, syncStudents: false });
    // Immersio cannot list the students right now: the mirrored count answers.
    sim.failNext('students', { status: 400 });
    const again = await s.owner.client.immersio.integration.mapCourse.mutate({
      workshopId: w.id,
      immersioCourseId: s.courseId,
      syncStudents: false,
    });
    expect(again.studentCount).toBe(3);
    const logs = (await s.owner.client.immersio.integration.getSyncHistory.query({ syncType: 'students' }))
      .logs;
    expect(logs.map((l) => [l.status, l.recordsProcessed, l.errorDetails])).toEqual([
      ['completed', 0, null],
      ['completed', 0, null],
    ]);
  });
});

describe('immersio.integration.getSyncHistory errorDetails', () => {
  it('null on successful syncs (older rows included), the reason on failed ones; tenant-scoped, admins only', async () => {
    const s = await school(2);
    await s.owner.client.immersio.integration.syncCourses.mutate({ fullSync: true });
    const w = await createWorkshop(s);
    await s.owner.client.immersio.integration.mapCourse.mutate({
      workshopId: w.id,
      immersioCourseId: s.courseId,
    });
    sim.failNext('students', { status: 400 });
    expect(
      await trpcError(
        s.owner.client.immersio.integration.mapCourse.mutate({
          workshopId: w.id,
          immersioCourseId: s.courseId,
        }),
      ),
    ).toMatchObject({ appCode: 'INTERNAL_ERROR' });
    // A successful student sync as earlier versions recorded it.
    await app.database.db.execute(
      sql`insert into sync_logs (tenant_id, sync_type, direction, status, records_processed, error_details,
            started_at, completed_at)
          values (${s.tenantId}, 'students', 'pull', 'completed', 2,
            ${JSON.stringify({ courseId: s.courseId, workshopId: w.id })}::jsonb, now() - interval '1 day',
            now() - interval '1 day')`,
    );
    const logs = (await s.owner.client.immersio.integration.getSyncHistory.query({})).logs;
    expect(logs.map((l) => [l.syncType, l.status, l.errorDetails])).toEqual([
      ['students', 'failed', { error: expect.any(String), courseId: s.courseId, workshopId: w.id }],
      ['students', 'completed', null],
      ['courses', 'completed', null],
      ['students', 'completed', null],
    ]);

    const other = await createTenant(app);
    expect((await other.owner.client.immersio.integration.getSyncHistory.query({})).logs).toEqual([]);
    const member = await addSignedInMember(app, s.tenantId);
    expect(await trpcError(member.client.immersio.integration.getSyncHistory.query({}))).toMatchObject({
      appCode: 'FORBIDDEN',
    });

    // Immersio away (every attempt dropped) while mapping: 503, retryable; the mapping is kept.
    sim.failNext('students', { destroy: true, times: 10 });
    const away = await trpcError(
      s.owner.client.immersio.integration.mapCourse.mutate({
        workshopId: w.id,
        immersioCourseId: s.courseId,
        syncStudents: true,
      }),
    );
    expect(away).toMatchObject({ appCode: 'SERVICE_UNAVAILABLE', httpStatus: 503 });
    expect(away.message).toMatch(/call mapCourse again/);
  });
});
