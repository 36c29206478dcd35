import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ImmersioSimulator, startImmersioSimulator } from '../../dev/immersio-simulator/simulator.ts';
import { queryRows } from '../../src/db/client.ts';
import {
  addSignedInMember,
  createTenant,
  startTestApp,
  type TestApp,
  trpcError,
  unique,
} from '../support/app.ts';
import { createWorkshop } from '../support/bookings.ts';

let sim: ImmersioSimulator;
let app: TestApp;
const WEBHOOK_SECRET = 'immersio-webhook-secret-0001';

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

/** A tenant and an Immersio organisation with its own key. */
async function school(plan: 'growth' | 'lite' = 'growth') {
  const t = await createTenant(app, { plan });
  const orgId = unique('org');
  const apiKey = `imm_test_${unique('key')}`;
  sim.addOrg({ id: orgId, name: `Org ${orgId}`, apiKey });
  return { ...t, orgId, apiKey };
}

async function connected() {
  const s = await school();
  const result = await s.owner.client.immersio.integration.connect.mutate({
    immersioOrgId: s.orgId,
    apiKey: s.apiKey,
  });
  expect(result.success).toBe(true);
  return s;
}

async function whitelistOf(workshopId: number) {
  return queryRows<{ email: string; immersioStudentId: string | null }>(
    app.database.db,
    sql`select email, immersio_student_id as "immersioStudentId" from whitelist_entries
        where workshop_id = ${workshopId} order by email`,
  );
}

describe('immersio.integration.connect', () => {
  it('tests the key, stores the integration with the key sealed, and tenant.get says connected', async () => {
    const s = await school();
    sim.addCourse(s.orgId, { id: 'c1', name: 'Business English' }, { webhook: false });
    const result = await s.owner.client.immersio.integration.connect.mutate({
      immersioOrgId: s.orgId,
      apiKey: s.apiKey,
      webhookUrl: 'http://127.0.0.1:9/hooks',
    });
    expect(result).toEqual({
      success: true,
      integrationId: expect.any(Number),
      testResult: { connectionValid: true, orgName: `Org ${s.orgId}`, courseCount: 1 },
    });
    expect((await s.owner.client.immersio.tenant.get.query({})).immersioConnected).toBe(true);
    const [row] = await queryRows<{ apiKeySealed: string; webhookSecretSealed: string }>(
      app.database.db,
      sql`select api_key_sealed as "apiKeySealed", webhook_secret_sealed as "webhookSecretSealed"
          from immersio_integrations where tenant_id = ${s.tenantId}`,
    );
    expect(row!.apiKeySealed).not.toContain(s.apiKey);
    expect(row!.webhookSecretSealed).toMatch(/^v1\./);
  });

  it('a bad key or another organisation’s key: success false with the error, nothing stored', async () => {
    const s = await school();
    const bad = await s.owner.client.immersio.integration.connect.mutate({
      immersioOrgId: s.orgId,
      apiKey: 'imm_wrong',
    });
    expect(bad).toMatchObject({
      success: false,
      testResult: { connectionValid: false, error: expect.any(String) },
    });
    expect(bad.testResult.error).not.toContain('imm_wrong');
    const other = await school();
    const mismatch = await s.owner.client.immersio.integration.connect.mutate({
      immersioOrgId: s.orgId,
      apiKey: other.apiKey,
    });
    expect(mismatch).toMatchObject({ success: false, testResult: { connectionValid: false } });
    expect((await s.owner.client.immersio.tenant.get.query({})).immersioConnected).toBe(false);
  });

  it('errors: plan without immersioSync 403, MEMBER 403, an organisation another school holds 409, bad URL 400', async () => {
    const lite = await school('lite');
    expect(
      await trpcError(
        lite.owner.client.immersio.integration.connect.mutate({
          immersioOrgId: lite.orgId,
          apiKey: lite.apiKey,
        }),
      ),
    ).toMatchObject({ appCode: 'FORBIDDEN' });
    const s = await connected();
    const member = await addSignedInMember(app, s.tenantId);
    expect(
      await trpcError(
        member.client.immersio.integration.connect.mutate({ immersioOrgId: s.orgId, apiKey: s.apiKey }),
      ),
    ).toMatchObject({ appCode: 'FORBIDDEN' });
    const thief = await school();
    expect(
      await trpcError(
        thief.owner.client.immersio.integration.connect.mutate({ immersioOrgId: s.orgId, apiKey: s.apiKey }),
      ),
    ).toMatchObject({ appCode: 'CONFLICT', httpStatus: 409 });
    // Without that organisation's key nobody learns whether another school holds it.
    const probe = (immersioOrgId: string) =>
      thief.owner.client.immersio.integration.connect.mutate({ immersioOrgId, apiKey: 'guessed-key' });
    const held = await probe(s.orgId);
    const free = await probe(unique('org'));
    expect(held).toEqual(free);
    expect(held).toMatchObject({ success: false, testResult: { connectionValid: false } });
    expect(
      await trpcError(
        thief.owner.client.immersio.integration.connect.mutate({
          immersioOrgId: thief.orgId,
          apiKey: thief.apiKey,
          webhookUrl: 'ftp://example.test/hooks',
        }),
      ),
    ).toMatchObject({ appCode: 'VALIDATION_ERROR', httpStatus: 400 });
  });
});

describe('immersio.integration.syncCourses and getSyncHistory', () => {
  it('not connected: 400 IMMERSIO_NOT_CONNECTED', async () => {
    const t = await createTenant(app);
    expect(await trpcError(t.owner.client.immersio.integration.syncCourses.mutate({}))).toMatchObject({
      appCode: 'IMMERSIO_NOT_CONNECTED',
      httpStatus: 400,
    });
  });

  it('a full sync upserts every course page; an incremental one only what changed; the log says so', async () => {
    const s = await connected();
    for (let i = 0; i < 120; i++)
      sim.addCourse(s.orgId, { id: `course_${i}`, name: `Course ${i}` }, { webhook: false });
    const first = await s.owner.client.immersio.integration.syncCourses.mutate({ fullSync: true });
    expect(first).toEqual({
      syncId: expect.any(Number),
      status: 'completed',
      coursesFound: 120,
      coursesUpdated: 0,
      coursesCreated: 120,
      errors: [],
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    sim.updateCourse(s.orgId, 'course_7', { name: 'Course seven' }, { webhook: false });
    const second = await s.owner.client.immersio.integration.syncCourses.mutate({});
    expect(second).toMatchObject({
      status: 'completed',
      coursesFound: 1,
      coursesUpdated: 1,
      coursesCreated: 0,
    });
    const [course] = await queryRows<{ name: string }>(
      app.database.db,
      sql`select name from immersio_courses where tenant_id = ${s.tenantId} and immersio_course_id = 'course_7'`,
    );
    expect(course?.name).toBe('Course seven');

    const history = await s.owner.client.immersio.integration.getSyncHistory.query({ syncType: 'courses' });
    expect(history.logs.map((l) => [l.id, l.status, l.direction, l.recordsProcessed])).toEqual([
      [second.syncId, 'completed', 'pull', 1],
      [first.syncId, 'completed', 'pull', 120],
    ]);
    expect(history.logs[0]!.startedAt).toBeInstanceOf(Date);
    expect(history.logs[0]!.completedAt).toBeInstanceOf(Date);
    expect(
      (await s.owner.client.immersio.integration.getSyncHistory.query({ syncType: 'students' })).logs,
    ).toEqual([]);
  });

  it('one sync per tenant at a time: 409 SYNC_IN_PROGRESS; a sync whose process died does not block forever', async () => {
    const s = await connected();
    const now = app.clock.now();
    await app.database.db.execute(
      sql`insert into sync_logs (tenant_id, sync_type, status, started_at, lease_until)
          values (${s.tenantId}, 'courses', 'running', ${now}, ${new Date(now.getTime() + 60_000)})`,
    );
    expect(await trpcError(s.owner.client.immersio.integration.syncCourses.mutate({}))).toMatchObject({
      appCode: 'SYNC_IN_PROGRESS',
      httpStatus: 409,
    });
    app.clock.advance(61_000);
    try {
      expect((await s.owner.client.immersio.integration.syncCourses.mutate({})).status).toBe('completed');
    } finally {
      app.clock.advance(-61_000);
    }
    const logs = (await s.owner.client.immersio.integration.getSyncHistory.query({})).logs;
    expect(logs.map((l) => l.status)).toEqual(['completed', 'failed']);
  });

  it('a failing Immersio API: the sync is failed with the error in the log', async () => {
    const s = await connected();
    sim.failNext('courses', { status: 400, times: 1 });
    const result = await s.owner.client.immersio.integration.syncCourses.mutate({});
    expect(result.status).toBe('failed');
    const [log] = (await s.owner.client.immersio.integration.getSyncHistory.query({})).logs;
    expect(log).toMatchObject({ status: 'failed', errorDetails: { error: expect.any(String) } });
  });

  it("another tenant sees none of this tenant's history", async () => {
    const a = await connected();
    await a.owner.client.immersio.integration.syncCourses.mutate({});
    const b = await createTenant(app);
    expect((await b.owner.client.immersio.integration.getSyncHistory.query({})).logs).toEqual([]);
    const member = await addSignedInMember(app, a.tenantId);
    expect(await trpcError(member.client.immersio.integration.getSyncHistory.query({}))).toMatchObject({
      appCode: 'FORBIDDEN',
    });
  });
});

describe('immersio.integration.mapCourse', () => {
  async function mappedSchool(students: number) {
    const s = await connected();
    const courseId = unique('course');
    sim.addCourse(s.orgId, { id: courseId, name: 'Business English' }, { webhook: false });
    for (let i = 0; i < students; i++) {
      sim.enroll(
        s.orgId,
        courseId,
        { id: `${courseId}_student_${i}`, email: `Student${i}@Example.test`, name: `Student ${i}` },
        { webhook: false },
      );
    }
    await s.owner.client.immersio.integration.syncCourses.mutate({ fullSync: true });
    return { ...s, courseId };
  }

  it('links a course and pulls its 500 students into the whitelist, switching it on', async () => {
    const s = await mappedSchool(500);
    const w = await createWorkshop(s);
    const result = await s.owner.client.immersio.integration.mapCourse.mutate({
      workshopId: w.id,
      immersioCourseId: s.courseId,
    });
    expect(result).toEqual({
      mappingId: expect.any(Number),
      courseName: 'Business English',
      studentCount: 500,
      whitelistUpdated: true,
    });
    const list = await whitelistOf(w.id);
    expect(list).toHaveLength(500);
    expect(list[0]).toEqual({ email: 'student0@example.test', immersioStudentId: `${s.courseId}_student_0` });
    const workshop = await s.owner.client.immersio.workshop.get.query({ workshopId: w.id });
    expect(workshop).toMatchObject({ whitelistEnabled: true, immersioCourseId: s.courseId });
    const [log] = (await s.owner.client.immersio.integration.getSyncHistory.query({ syncType: 'students' }))
      .logs;
    expect(log).toMatchObject({
      syncType: 'students',
      direction: 'pull',
      status: 'completed',
      recordsProcessed: 500,
    });
  });

  it('keeps the whitelist in step afterwards through signed webhooks from Immersio', async () => {
    const s = await mappedSchool(2);
    const w = await createWorkshop(s);
    await s.owner.client.immersio.integration.mapCourse.mutate({
      workshopId: w.id,
      immersioCourseId: s.courseId,
    });
    sim.setWebhookTarget({ url: `${app.baseUrl}/api/v1/webhooks/immersio`, secret: WEBHOOK_SECRET }, s.orgId);
    try {
      sim.enroll(s.orgId, s.courseId, { id: `${s.courseId}_new`, email: 'new@example.test', name: 'New' });
      sim.unenroll(s.orgId, s.courseId, `${s.courseId}_student_0`);
      await sim.webhooksSettled();
    } finally {
      sim.setWebhookTarget(null, s.orgId);
    }
    expect((await whitelistOf(w.id)).map((e) => e.email)).toEqual([
      'new@example.test',
      'student1@example.test',
    ]);
  });

  it('errors: unknown course 404, another tenant’s workshop 404 WORKSHOP_NOT_FOUND, not connected 400, MEMBER 403', async () => {
    const s = await mappedSchool(0);
    const w = await createWorkshop(s);
    expect(
      await trpcError(
        s.owner.client.immersio.integration.mapCourse.mutate({ workshopId: w.id, immersioCourseId: 'nope' }),
      ),
    ).toMatchObject({ appCode: 'NOT_FOUND' });
    const other = await mappedSchool(0);
    expect(
      await trpcError(
        other.owner.client.immersio.integration.mapCourse.mutate({
          workshopId: w.id,
          immersioCourseId: other.courseId,
        }),
      ),
    ).toMatchObject({ appCode: 'WORKSHOP_NOT_FOUND', httpStatus: 404 });
    const lonely = await createTenant(app);
    expect(
      await trpcError(
        lonely.owner.client.immersio.integration.mapCourse.mutate({
          workshopId: w.id,
          immersioCourseId: s.courseId,
        }),
      ),
    ).toMatchObject({ appCode: 'IMMERSIO_NOT_CONNECTED' });
    const member = await addSignedInMember(app, s.tenantId);
    expect(
      await trpcError(
        member.client.immersio.integration.mapCourse.mutate({
          workshopId: w.id,
          immersioCourseId: s.courseId,
        }),
      ),
    ).toMatchObject({ appCode: 'FORBIDDEN' });
    expect(await whitelistOf(w.id)).toEqual([]);
  });
});
