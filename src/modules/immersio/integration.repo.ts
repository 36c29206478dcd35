import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import { type RawRow, toDate, toDateOrNull } from '../../db/rows.ts';

export interface IntegrationRow {
  id: number;
  tenantId: number;
  immersioOrgId: string;
  orgName: string | null;
  apiKeySealed: string | null;
  webhookUrl: string | null;
  webhookSecretSealed: string | null;
  coursesSyncedAt: Date | string | null;
}

const COLUMNS = sql`id, tenant_id as "tenantId", immersio_org_id as "immersioOrgId", org_name as "orgName",
  api_key_sealed as "apiKeySealed", webhook_url as "webhookUrl",
  webhook_secret_sealed as "webhookSecretSealed", courses_synced_at as "coursesSyncedAt"`;

/** The tenant's integration if connected (not disconnected). */
export async function findLive(db: Executor, tenantId: number) {
  const [row] = await queryRows<IntegrationRow>(
    db,
    sql`select ${COLUMNS} from immersio_integrations where tenant_id = ${tenantId} and disconnected_at is null`,
  );
  return row;
}

/** Which tenant holds this organisation now, if any. */
export async function orgHolder(db: Executor, orgId: string): Promise<number | undefined> {
  const [row] = await queryRows<{ tenantId: number }>(
    db,
    sql`select tenant_id as "tenantId" from immersio_integrations
        where immersio_org_id = ${orgId} and disconnected_at is null`,
  );
  return row?.tenantId;
}

/** One row per tenant: connecting again (another key, URL or organisation) updates it. */
export async function upsertIntegration(
  db: Executor,
  i: {
    tenantId: number;
    orgId: string;
    orgName: string;
    apiKeySealed: string;
    webhookUrl: string | null;
    /** Kept when the tenant already has one. */
    newWebhookSecretSealed: string;
    now: Date;
  },
): Promise<number> {
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`insert into immersio_integrations (tenant_id, immersio_org_id, org_name, api_key_sealed, webhook_url,
          webhook_secret_sealed, webhook_secret_rotated_at, connected_at, updated_at)
        values (${i.tenantId}, ${i.orgId}, ${i.orgName}, ${i.apiKeySealed}, ${i.webhookUrl},
          ${i.newWebhookSecretSealed}, ${i.now}, ${i.now}, ${i.now})
        on conflict (tenant_id) do update set
          immersio_org_id = excluded.immersio_org_id, org_name = excluded.org_name,
          api_key_sealed = excluded.api_key_sealed, webhook_url = excluded.webhook_url,
          webhook_secret_sealed = coalesce(immersio_integrations.webhook_secret_sealed, excluded.webhook_secret_sealed),
          webhook_disabled_at = null,
          courses_synced_at = case when immersio_integrations.immersio_org_id = excluded.immersio_org_id
                                   then immersio_integrations.courses_synced_at end,
          connected_at = case when immersio_integrations.disconnected_at is null
                              then immersio_integrations.connected_at else excluded.connected_at end,
          disconnected_at = null, updated_at = excluded.updated_at
        returning id`,
  );
  return row!.id;
}

export async function setCoursesSyncedAt(db: Executor, tenantId: number, at: Date) {
  await db.execute(
    sql`update immersio_integrations set courses_synced_at = ${at} where tenant_id = ${tenantId}`,
  );
}

export interface SyncLogRow {
  id: number;
  syncType: string;
  direction: 'pull' | 'push';
  status: string;
  fullSync: boolean;
  recordsProcessed: number;
  recordsFailed: number;
  coursesCreated: number;
  coursesUpdated: number;
  errorDetails: unknown;
  startedAt: Date;
  completedAt: Date | null;
}

function toSyncLog<R extends RawRow<SyncLogRow>>(row: R): R & SyncLogRow {
  return { ...row, startedAt: toDate(row.startedAt), completedAt: toDateOrNull(row.completedAt) };
}

const LOG_COLUMNS = sql`id, sync_type as "syncType", direction, status, full_sync as "fullSync",
  records_processed as "recordsProcessed", records_failed as "recordsFailed",
  courses_created as "coursesCreated", courses_updated as "coursesUpdated",
  error_details as "errorDetails", started_at as "startedAt", completed_at as "completedAt"`;

/** Running syncs whose lease lapsed belong to a process that died: they are marked failed. */
export async function failAbandonedSyncs(db: Executor, tenantId: number, syncType: string, now: Date) {
  await db.execute(
    sql`update sync_logs set status = 'failed', completed_at = ${now},
          error_details = jsonb_build_object('error', 'The sync stopped (its process ended) and was abandoned')
        where tenant_id = ${tenantId} and sync_type = ${syncType} and status = 'running'
          and lease_until < ${now}`,
  );
}

/** A running sync log; the partial unique index refuses a second running one per tenant and type. */
export async function startSyncLog(
  db: Executor,
  s: {
    tenantId: number;
    syncType: string;
    direction: 'pull' | 'push';
    fullSync: boolean;
    now: Date;
    leaseUntil: Date | null;
  },
): Promise<number> {
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`insert into sync_logs (tenant_id, sync_type, direction, status, full_sync, started_at, lease_until)
        values (${s.tenantId}, ${s.syncType}, ${s.direction}, 'running', ${s.fullSync}, ${s.now}, ${s.leaseUntil})
        returning id`,
  );
  return row!.id;
}

export async function renewSyncLease(db: Executor, syncId: number, until: Date) {
  await db.execute(
    sql`update sync_logs set lease_until = ${until} where id = ${syncId} and status = 'running'`,
  );
}

export async function finishSyncLog(
  db: Executor,
  syncId: number,
  r: {
    status: 'completed' | 'failed';
    recordsProcessed: number;
    recordsFailed: number;
    coursesCreated: number;
    coursesUpdated: number;
    errorDetails: unknown;
    now: Date;
  },
) {
  await db.execute(
    sql`update sync_logs set status = ${r.status}, records_processed = ${r.recordsProcessed},
          records_failed = ${r.recordsFailed}, courses_created = ${r.coursesCreated},
          courses_updated = ${r.coursesUpdated},
          error_details = ${r.errorDetails === null ? null : JSON.stringify(r.errorDetails)}::jsonb,
          completed_at = ${r.now}, lease_until = null
        where id = ${syncId}`,
  );
}

export async function findSyncLog(db: Executor, tenantId: number, syncId: number) {
  const [row] = await queryRows<RawRow<SyncLogRow> & { tenantId: number }>(
    db,
    sql`select ${LOG_COLUMNS}, tenant_id as "tenantId" from sync_logs where tenant_id = ${tenantId} and id = ${syncId}`,
  );
  return row && toSyncLog(row);
}

export async function listSyncLogs(
  db: Executor,
  tenantId: number,
  syncType: string | undefined,
  limit: number,
) {
  const rows = await queryRows<RawRow<SyncLogRow>>(
    db,
    sql`select ${LOG_COLUMNS} from sync_logs
        where tenant_id = ${tenantId} ${syncType ? sql`and sync_type = ${syncType}` : sql``}
        order by started_at desc, id desc limit ${limit}`,
  );
  return rows.map(toSyncLog);
}

export async function findCourse(db: Executor, tenantId: number, courseId: string) {
  const [row] = await queryRows<{
    name: string;
    studentCount: number | null;
    deletedAt: Date | string | null;
  }>(
    db,
    sql`select name, student_count as "studentCount", deleted_at as "deletedAt" from immersio_courses
        where tenant_id = ${tenantId} and immersio_course_id = ${courseId}`,
  );
  return row;
}

/** Links a workshop to a course (one course per workshop) and mirrors it on the workshop. */
export async function upsertMapping(
  db: Executor,
  m: { tenantId: number; workshopId: number; courseId: string; syncStudents: boolean; now: Date },
): Promise<number> {
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`insert into course_mappings (tenant_id, workshop_id, immersio_course_id, sync_students, created_at, updated_at)
        values (${m.tenantId}, ${m.workshopId}, ${m.courseId}, ${m.syncStudents}, ${m.now}, ${m.now})
        on conflict (workshop_id) do update set immersio_course_id = excluded.immersio_course_id,
          sync_students = excluded.sync_students, updated_at = excluded.updated_at
        returning id`,
  );
  await db.execute(
    sql`update workshops set immersio_course_id = ${m.courseId}, sync_students_from_immersio = ${m.syncStudents},
          whitelist_enabled = whitelist_enabled or ${m.syncStudents}, updated_at = ${m.now}
        where tenant_id = ${m.tenantId} and id = ${m.workshopId}`,
  );
  return row!.id;
}

/** A course's students onto a workshop's whitelist in one statement (refreshing names and ids). */
export async function whitelistStudents(
  db: Executor,
  tenantId: number,
  workshopId: number,
  students: ReadonlyArray<{ email: string; name: string | null; studentId: string }>,
) {
  if (students.length === 0) return;
  await db.execute(
    sql`insert into whitelist_entries (tenant_id, workshop_id, email, name, immersio_student_id)
        select ${tenantId}, ${workshopId}, s.email, s.name, s.student_id
        from jsonb_to_recordset(${JSON.stringify(
          students.map((s) => ({ email: s.email, name: s.name, student_id: s.studentId })),
        )}::jsonb) as s(email text, name text, student_id text)
        on conflict (workshop_id, email) do update set
          name = coalesce(excluded.name, whitelist_entries.name),
          immersio_student_id = excluded.immersio_student_id`,
  );
}

/** Unlinks a workshop from its course (its whitelist is left as it is). */
export async function deleteMapping(db: Executor, tenantId: number, workshopId: number) {
  await db.execute(
    sql`delete from course_mappings where tenant_id = ${tenantId} and workshop_id = ${workshopId}`,
  );
}

/**
 * Workshops that name a course they are not linked to as they say (created or changed while the
 * school was not connected, or whose link gave up): connecting queues their link again.
 */
export async function workshopsAwaitingLink(db: Executor, tenantId: number): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select w.id from workshops w
        where w.tenant_id = ${tenantId} and w.immersio_course_id is not null
          and not exists (select 1 from course_mappings m
                          where m.tenant_id = w.tenant_id and m.workshop_id = w.id
                            and m.immersio_course_id = w.immersio_course_id
                            and m.sync_students = w.sync_students_from_immersio)
        order by w.id`,
  );
  return rows.map((r) => r.id);
}
