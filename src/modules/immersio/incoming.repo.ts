import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';

/** The tenant whose live integration is this Immersio organisation. */
export async function tenantByOrg(db: Executor, orgId: string): Promise<number | undefined> {
  const [row] = await queryRows<{ tenantId: number }>(
    db,
    sql`select tenant_id as "tenantId" from immersio_integrations
        where immersio_org_id = ${orgId} and disconnected_at is null`,
  );
  return row?.tenantId;
}

/** The one connected tenant that knows this course; undefined when none or several do. */
export async function tenantByCourse(db: Executor, courseId: string): Promise<number | undefined> {
  const rows = await queryRows<{ tenantId: number }>(
    db,
    sql`select distinct c.tenant_id as "tenantId" from immersio_courses c
        join immersio_integrations i on i.tenant_id = c.tenant_id and i.disconnected_at is null
        where c.immersio_course_id = ${courseId}
        limit 2`,
  );
  return rows.length === 1 ? rows[0]!.tenantId : undefined;
}

/**
 * Claims a webhook id; false when it was already taken. A concurrent copy waits on the first's
 * uncommitted row and then sees the conflict, so one of twenty identical deliveries does the work.
 */
export async function claimWebhook(
  db: Executor,
  w: { webhookId: string; tenantId: number | null; event: string; processed: boolean; now: Date },
): Promise<boolean> {
  const rows = await queryRows<{ webhookId: string }>(
    db,
    sql`insert into incoming_webhooks (webhook_id, tenant_id, event, processed, received_at)
        values (${w.webhookId}, ${w.tenantId}, ${w.event}, ${w.processed}, ${w.now})
        on conflict (webhook_id) do nothing
        returning webhook_id as "webhookId"`,
  );
  return rows.length === 1;
}

export async function upsertCourse(
  db: Executor,
  c: {
    tenantId: number;
    courseId: string;
    name: string;
    description: string | null;
    status: string;
    studentCount: number | null;
    remoteUpdatedAt: Date | null;
    now: Date;
  },
): Promise<'created' | 'updated'> {
  const [row] = await queryRows<{ created: boolean }>(
    db,
    sql`insert into immersio_courses (tenant_id, immersio_course_id, name, description, status,
          student_count, remote_updated_at, deleted_at, created_at, updated_at)
        values (${c.tenantId}, ${c.courseId}, ${c.name}, ${c.description}, ${c.status}, ${c.studentCount},
          ${c.remoteUpdatedAt}, null, ${c.now}, ${c.now})
        on conflict (tenant_id, immersio_course_id) do update set
          name = excluded.name, description = excluded.description, status = excluded.status,
          student_count = coalesce(excluded.student_count, immersio_courses.student_count),
          remote_updated_at = coalesce(excluded.remote_updated_at, immersio_courses.remote_updated_at),
          deleted_at = null, updated_at = excluded.updated_at
        returning (xmax = 0) as created`,
  );
  return row?.created ? 'created' : 'updated';
}

export async function markCourseDeleted(db: Executor, tenantId: number, courseId: string, now: Date) {
  await db.execute(
    sql`update immersio_courses set status = 'deleted', deleted_at = ${now}, updated_at = ${now}
        where tenant_id = ${tenantId} and immersio_course_id = ${courseId}`,
  );
}

/**
 * Workshops whose whitelist follows this course's enrolment: mapped with `syncStudents`, or
 * created (or updated) with this course and `syncStudentsFromImmersio` whose link job has not run
 * yet, so an enrolment arriving meanwhile is not lost.
 */
export async function syncedWorkshops(db: Executor, tenantId: number, courseId: string): Promise<number[]> {
  const rows = await queryRows<{ workshopId: number }>(
    db,
    sql`select workshop_id as "workshopId" from course_mappings
        where tenant_id = ${tenantId} and immersio_course_id = ${courseId} and sync_students
        union
        select id from workshops
        where tenant_id = ${tenantId} and immersio_course_id = ${courseId} and sync_students_from_immersio
        order by 1`,
  );
  return rows.map((r) => r.workshopId);
}

/** Adds (or refreshes) a student on the whitelists of the given workshops. */
export async function enrollStudent(
  db: Executor,
  tenantId: number,
  workshopIds: number[],
  s: { email: string; name: string | null; studentId: string },
) {
  if (workshopIds.length === 0) return;
  await db.execute(
    sql`insert into whitelist_entries (tenant_id, workshop_id, email, name, immersio_student_id)
        select ${tenantId}, w, ${s.email}, ${s.name}, ${s.studentId}
        from unnest(${`{${workshopIds.join(',')}}`}::int[]) as w
        on conflict (workshop_id, email) do update set
          name = coalesce(excluded.name, whitelist_entries.name),
          immersio_student_id = excluded.immersio_student_id`,
  );
}

/** Removes a student (by Immersio id, or by email) from the given workshops' whitelists. */
export async function unenrollStudent(
  db: Executor,
  tenantId: number,
  workshopIds: number[],
  s: { studentId: string; email: string | null },
) {
  if (workshopIds.length === 0) return;
  await db.execute(
    sql`delete from whitelist_entries
        where tenant_id = ${tenantId} and workshop_id = any(${`{${workshopIds.join(',')}}`}::int[])
          and (immersio_student_id = ${s.studentId} or (${s.email}::text is not null and email = ${s.email}))`,
  );
}

/**
 * A student's new email and name on every whitelist of the tenant. Where the workshop already
 * lists the new email, the old entry goes (the existing one is refreshed instead).
 */
export async function updateStudent(
  db: Executor,
  tenantId: number,
  s: { studentId: string; email: string | null; name: string | null },
) {
  if (s.email !== null) {
    await db.execute(
      sql`delete from whitelist_entries old
          where old.tenant_id = ${tenantId} and old.immersio_student_id = ${s.studentId}
            and old.email <> ${s.email}
            and exists (select 1 from whitelist_entries other
                        where other.workshop_id = old.workshop_id and other.email = ${s.email})`,
    );
    await db.execute(
      sql`update whitelist_entries set immersio_student_id = ${s.studentId}
          where tenant_id = ${tenantId} and email = ${s.email}
            and workshop_id in (select workshop_id from whitelist_entries
                                where tenant_id = ${tenantId} and immersio_student_id = ${s.studentId})`,
    );
  }
  await db.execute(
    sql`update whitelist_entries set email = coalesce(${s.email}, email), name = coalesce(${s.name}, name)
        where tenant_id = ${tenantId} and immersio_student_id = ${s.studentId}`,
  );
}
