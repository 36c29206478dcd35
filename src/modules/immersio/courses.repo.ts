import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';

/** Whether the tenant has a live (not disconnected) Immersio integration. */
export async function isConnected(db: Executor, tenantId: number): Promise<boolean> {
  const [row] = await queryRows<{ connected: boolean }>(
    db,
    sql`select exists (
          select 1 from immersio_integrations where tenant_id = ${tenantId} and disconnected_at is null
        ) as connected`,
  );
  return row?.connected ?? false;
}

export interface SyncedCourseRow {
  immersioCourseId: string;
  name: string;
  status: string;
  studentCount: number | null;
}

/** The tenant's synced courses that Immersio has not deleted, by name (at most `limit`). */
export function listSyncedCourses(db: Executor, tenantId: number, limit: number) {
  return queryRows<SyncedCourseRow>(
    db,
    sql`select immersio_course_id as "immersioCourseId", name, status, student_count as "studentCount"
        from immersio_courses
        where tenant_id = ${tenantId} and deleted_at is null
        order by lower(name), immersio_course_id
        limit ${limit}`,
  );
}
