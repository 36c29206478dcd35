import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.ts';
import { webhookSignature } from '../../src/modules/immersio/webhook-signature.ts';
import { createTenant, type TenantFixture, unique, useTestApp } from '../support/app.ts';
import { book, bookingRequest, createWorkshop } from '../support/bookings.ts';

const app = useTestApp({ env: { IMMERSIO_WEBHOOK_SECRET: 'old-secret-0000, new-secret-1111' } });

async function connected(): Promise<TenantFixture & { orgId: string }> {
  const t = await createTenant(app);
  const orgId = unique('org');
  await app.database.db.execute(
    sql`insert into immersio_integrations (tenant_id, immersio_org_id) values (${t.tenantId}, ${orgId})`,
  );
  return { ...t, orgId };
}

async function mapCourse(t: TenantFixture, workshopId: number, courseId: string, syncStudents = true) {
  await app.database.db.execute(
    sql`insert into course_mappings (tenant_id, workshop_id, immersio_course_id, sync_students)
        values (${t.tenantId}, ${workshopId}, ${courseId}, ${syncStudents})`,
  );
}

interface Send {
  event: string;
  data: Record<string, unknown>;
  /** Put in the signed data (as Immersio does) and in the X-Immersio-Org-Id header. */
  orgId?: string | undefined;
  /** The unsigned header alone, when it should say something else. */
  headerOrgId?: string;
  webhookId?: string;
  secret?: string;
  timestamp?: number;
  tamper?: (body: string) => string;
}

async function send(s: Send) {
  const body = JSON.stringify({
    event: s.event,
    data: s.orgId && !('orgId' in s.data) ? { ...s.data, orgId: s.orgId } : s.data,
    timestamp: new Date().toISOString(),
    webhookId: s.webhookId ?? `wh_${randomUUID()}`,
  });
  const timestamp = String(s.timestamp ?? Math.floor(app.clock.now().getTime() / 1000));
  const response = await fetch(`${app.baseUrl}/api/v1/webhooks/immersio`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-webhook-timestamp': timestamp,
      'x-webhook-signature': webhookSignature(s.secret ?? 'new-secret-1111', timestamp, body),
      ...((s.headerOrgId ?? s.orgId) ? { 'x-immersio-org-id': s.headerOrgId ?? s.orgId } : {}),
    },
    body: s.tamper ? s.tamper(body) : body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function whitelist(workshopId: number) {
  return queryRows<{ email: string; name: string | null; immersioStudentId: string | null }>(
    app.database.db,
    sql`select email, name, immersio_student_id as "immersioStudentId" from whitelist_entries
        where workshop_id = ${workshopId} order by email`,
  );
}

async function course(tenantId: number, courseId: string) {
  const [row] = await queryRows<{ name: string; status: string; deletedAt: Date | null }>(
    app.database.db,
    sql`select name, status, deleted_at as "deletedAt" from immersio_courses
        where tenant_id = ${tenantId} and immersio_course_id = ${courseId}`,
  );
  return row;
}

describe('POST /api/v1/webhooks/immersio', () => {
  it('refuses bad, stale, future, tampered and unsigned requests with 401 INVALID_WEBHOOK_SIGNATURE', async () => {
    const t = await connected();
    const data = { courseId: 'course_x', name: 'X', orgId: t.orgId };
    const now = Math.floor(app.clock.now().getTime() / 1000);
    for (const attempt of [
      { secret: 'wrong-secret' },
      { timestamp: now - 310 },
      { timestamp: now + 310 },
      { tamper: (b: string) => b.replace('"X"', '"Y"') },
    ]) {
      const res = await send({ event: 'course.created', data, ...attempt });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ error: 'Webhook signature mismatch', code: 'INVALID_WEBHOOK_SIGNATURE' });
    }
    const unsigned = await fetch(`${app.baseUrl}/api/v1/webhooks/immersio`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ event: 'course.created', data, timestamp: '', webhookId: 'wh_1' }),
    });
    expect(unsigned.status).toBe(401);
    expect(await course(t.tenantId, 'course_x')).toBeUndefined();
    // Both secrets of a rotation are accepted, well inside the window (its exact edges: unit test).
    expect(
      (await send({ event: 'course.created', data, secret: 'old-secret-0000', timestamp: now - 290 })).body,
    ).toEqual({
      success: true,
      processed: true,
    });
  });

  it('course events keep the course table in step; a deleted course leaves its workshops working', async () => {
    const t = await connected();
    const courseId = unique('course');
    const w = await createWorkshop(t);
    await mapCourse(t, w.id, courseId);
    expect(
      (await send({ event: 'course.created', orgId: t.orgId, data: { courseId, name: 'Business English' } }))
        .body,
    ).toEqual({
      success: true,
      processed: true,
    });
    await send({
      event: 'course.updated',
      orgId: t.orgId,
      data: { courseId, name: 'Business English 2', status: 'active' },
    });
    expect(await course(t.tenantId, courseId)).toMatchObject({
      name: 'Business English 2',
      status: 'active',
      deletedAt: null,
    });
    expect((await send({ event: 'course.deleted', orgId: t.orgId, data: { courseId } })).body).toEqual({
      success: true,
      processed: true,
    });
    const deleted = await course(t.tenantId, courseId);
    expect(deleted?.status).toBe('deleted');
    expect(deleted?.deletedAt).not.toBeNull();
    expect((await book(app, bookingRequest(t, w, 'still@example.test'))).status).toBe(201);
  });

  it('student events: enrolled joins every synced whitelist, updated follows everywhere, unenrolled leaves (bookings stay)', async () => {
    const t = await connected();
    const courseId = unique('course');
    const synced = await createWorkshop(t, { whitelistEnabled: true });
    const notSynced = await createWorkshop(t, { whitelistEnabled: true });
    await mapCourse(t, synced.id, courseId, true);
    await mapCourse(t, notSynced.id, courseId, false);
    const student = { courseId, studentId: 'student_456', email: 'John@Example.test', name: 'John Doe' };
    await send({ event: 'student.enrolled', orgId: t.orgId, data: student });
    expect(await whitelist(synced.id)).toEqual([
      { email: 'john@example.test', name: 'John Doe', immersioStudentId: 'student_456' },
    ]);
    expect(await whitelist(notSynced.id)).toEqual([]);
    expect((await book(app, bookingRequest(t, synced, 'john@example.test'))).status).toBe(201);

    await send({
      event: 'student.updated',
      orgId: t.orgId,
      data: { studentId: 'student_456', email: 'j.doe@example.test', name: 'J. Doe' },
    });
    expect(await whitelist(synced.id)).toEqual([
      { email: 'j.doe@example.test', name: 'J. Doe', immersioStudentId: 'student_456' },
    ]);

    await send({ event: 'student.unenrolled', orgId: t.orgId, data: { courseId, studentId: 'student_456' } });
    expect(await whitelist(synced.id)).toEqual([]);
    const [booking] = await queryRows<{ status: string }>(
      app.database.db,
      sql`select status from bookings where workshop_id = ${synced.id}`,
    );
    expect(booking?.status).toBe('accepted');
  });

  it('a replay, even 20 copies at once, is processed once', async () => {
    const t = await connected();
    const courseId = unique('course');
    const w = await createWorkshop(t, { whitelistEnabled: true });
    await mapCourse(t, w.id, courseId);
    const webhookId = `wh_${randomUUID()}`;
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        send({
          event: 'student.enrolled',
          orgId: t.orgId,
          webhookId,
          data: { courseId, studentId: 's1', email: 's1@example.test', name: 'S One' },
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(results.filter((r) => r.body.processed === true)).toHaveLength(1);
    expect((await send({ event: 'student.enrolled', orgId: t.orgId, webhookId, data: {} })).body).toEqual({
      success: true,
      processed: false,
    });
    expect(await whitelist(w.id)).toHaveLength(1);
  });

  it('finds the tenant by data.orgId or by the course; unknown tenants and events are 200 processed: false', async () => {
    const t = await connected();
    const courseId = unique('course');
    await send({ event: 'course.created', data: { courseId, name: 'By org in data', orgId: t.orgId } });
    expect(await course(t.tenantId, courseId)).toMatchObject({ name: 'By org in data' });
    await send({ event: 'course.updated', data: { courseId, name: 'By course' } });
    expect(await course(t.tenantId, courseId)).toMatchObject({ name: 'By course' });
    expect(
      (await send({ event: 'course.created', orgId: 'org_nobody', data: { courseId: 'c', name: 'N' } })).body,
    ).toEqual({
      success: true,
      processed: false,
    });
    expect((await send({ event: 'invoice.paid', orgId: t.orgId, data: {} })).body).toEqual({
      success: true,
      processed: false,
    });
  });

  it('routes by the signed data only: a replay with another X-Immersio-Org-Id changes nothing', async () => {
    const a = await connected();
    const b = await connected();
    const courseId = unique('course');
    const webhookId = `wh_${randomUUID()}`;
    // Sent first with a header naming another school, or one nobody knows: still A's delivery.
    const forged = await send({
      event: 'course.created',
      orgId: a.orgId,
      headerOrgId: b.orgId,
      webhookId,
      data: { courseId, name: 'Signed for A' },
    });
    expect(forged.body).toEqual({ success: true, processed: true });
    expect(await course(a.tenantId, courseId)).toMatchObject({ name: 'Signed for A' });
    expect(await course(b.tenantId, courseId)).toBeUndefined();
    const again = await send({
      event: 'course.created',
      orgId: a.orgId,
      headerOrgId: 'org_unknown',
      webhookId: `wh_${randomUUID()}`,
      data: { courseId: `${courseId}-2`, name: 'Also A' },
    });
    expect(again.body).toEqual({ success: true, processed: true });
    expect(await course(a.tenantId, `${courseId}-2`)).toMatchObject({ name: 'Also A' });
    // The header alone routes nothing.
    const headerOnly = await send({
      event: 'course.created',
      headerOrgId: b.orgId,
      data: { courseId: unique('course'), name: 'Header only' },
    });
    expect(headerOnly.body).toEqual({ success: true, processed: false });
  });

  it('a delivery no school can take does not spend its webhook id', async () => {
    const t = await connected();
    const orgId = unique('org');
    const courseId = unique('course');
    const webhookId = `wh_${randomUUID()}`;
    const delivery = { event: 'course.created', orgId, webhookId, data: { courseId, name: 'Early' } };
    expect((await send(delivery)).body).toEqual({ success: true, processed: false });
    // The school connects this organisation; Immersio's retry of the same delivery is applied.
    await app.database.db.execute(
      sql`update immersio_integrations set immersio_org_id = ${orgId} where tenant_id = ${t.tenantId}`,
    );
    expect((await send(delivery)).body).toEqual({ success: true, processed: true });
    expect(await course(t.tenantId, courseId)).toMatchObject({ name: 'Early' });
    expect((await send(delivery)).body).toEqual({ success: true, processed: false });
  });

  it("one organisation's events never touch another tenant's workshops", async () => {
    const a = await connected();
    const b = await connected();
    const courseId = unique('course');
    const wa = await createWorkshop(a, { whitelistEnabled: true });
    const wb = await createWorkshop(b, { whitelistEnabled: true });
    await mapCourse(a, wa.id, courseId);
    await mapCourse(b, wb.id, courseId);
    await send({
      event: 'student.enrolled',
      orgId: a.orgId,
      data: { courseId, studentId: 'x1', email: 'x1@example.test' },
    });
    expect(await whitelist(wa.id)).toHaveLength(1);
    expect(await whitelist(wb.id)).toHaveLength(0);
  });

  it('validly signed but malformed: NUL, lone surrogate, out-of-range numbers are 400, never 500', async () => {
    const t = await connected();
    for (const data of [
      { courseId: 'c\u0000', name: 'NUL' },
      { courseId: 'c1', name: 'x\ud800' },
      { courseId: 'c1', name: 'Big', studentCount: 2 ** 40 },
      { courseId: 'c1', name: 'Far', updatedAt: '+275760-09-13T00:00:00Z' },
    ]) {
      const response = await send({ event: 'course.created', orgId: t.orgId, data });
      expect(response.status, JSON.stringify(data)).toBe(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_ERROR' });
    }
  });

  it('bad event data is 400 VALIDATION_ERROR naming the field, and the id stays free for a corrected retry', async () => {
    const t = await connected();
    const webhookId = `wh_${randomUUID()}`;
    const bad = await send({
      event: 'student.enrolled',
      orgId: t.orgId,
      webhookId,
      data: { courseId: 'c1', studentId: 's' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_ERROR');
    expect(String(bad.body.error)).toMatch(/data\.email/);
    const good = await send({
      event: 'student.enrolled',
      orgId: t.orgId,
      webhookId,
      data: { courseId: 'c1', studentId: 's', email: 's@example.test' },
    });
    expect(good.body).toEqual({ success: true, processed: true });
  });
});
