import { and, eq, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import { type RawRow, toDate } from '../../db/rows.ts';
import { classPasses } from '../../db/schema/index.ts';

// The passes a school offers (the product): created, edited and listed by staff, shown on the
// school's passes page. What a student bought is in student-passes.repo.ts.

export type ClassPassRow = typeof classPasses.$inferSelect;

export type ClassPassValues = Pick<
  ClassPassRow,
  'name' | 'classes' | 'priceCents' | 'currency' | 'validDays' | 'workshopIds'
>;

export async function insertClassPass(
  db: Executor,
  values: ClassPassValues & { tenantId: number; now: Date },
): Promise<ClassPassRow> {
  const { now, ...row } = values;
  const [inserted] = await db
    .insert(classPasses)
    .values({ ...row, createdAt: now, updatedAt: now })
    .returning();
  return inserted!;
}

/** Changes the given fields of the tenant's pass; undefined when it has no such pass. */
export async function updateClassPass(
  db: Executor,
  tenantId: number,
  passId: number,
  changes: Partial<ClassPassValues & { status: ClassPassRow['status'] }> & { now: Date },
): Promise<ClassPassRow | undefined> {
  const { now, ...set } = changes;
  const [row] = await db
    .update(classPasses)
    .set({ ...set, updatedAt: now })
    .where(and(eq(classPasses.tenantId, tenantId), eq(classPasses.id, passId)))
    .returning();
  return row;
}

export async function findClassPass(db: Executor, tenantId: number, passId: number) {
  const [row] = await db
    .select()
    .from(classPasses)
    .where(and(eq(classPasses.tenantId, tenantId), eq(classPasses.id, passId)));
  return row;
}

/** A pass by id alone (the public purchase names only the pass), with its tenant. */
export async function findClassPassById(db: Executor, passId: number) {
  const [row] = await db.select().from(classPasses).where(eq(classPasses.id, passId));
  return row;
}

export type ClassPassListRow = ClassPassRow & { sold: number; activeHolders: number };

/**
 * The tenant's passes, on sale first then by name, with how many were sold (paid for) and how
 * many of those can still be used (credits left, not expired).
 */
export async function listClassPasses(
  db: Executor,
  tenantId: number,
  filter: { status?: ClassPassRow['status'] | undefined; now: Date },
): Promise<ClassPassListRow[]> {
  const rows = await queryRows<RawRow<ClassPassListRow>>(
    db,
    sql`select p.id, p.tenant_id as "tenantId", p.name, p.classes, p.price_cents as "priceCents", p.currency,
               p.valid_days as "validDays", p.workshop_ids as "workshopIds", p.status,
               p.created_at as "createdAt", p.updated_at as "updatedAt",
               count(sp.id) filter (where sp.paid_at is not null)::int as sold,
               count(sp.id) filter (where sp.status = 'active' and sp.credits_remaining > 0
                                      and sp.expires_at > ${filter.now})::int as "activeHolders"
        from class_passes p
        left join student_passes sp on sp.tenant_id = p.tenant_id and sp.pass_id = p.id
        where p.tenant_id = ${tenantId} ${filter.status ? sql`and p.status = ${filter.status}` : sql``}
        group by p.id
        order by p.status, p.name, p.id`,
  );
  return rows.map((row) => ({ ...row, createdAt: toDate(row.createdAt), updatedAt: toDate(row.updatedAt) }));
}

export interface WorkshopTitle {
  id: number;
  title: string;
  status: string;
}

/** The tenant's workshops among `ids` (others' and unknown ids are left out), with their titles. */
export async function workshopTitles(
  db: Executor,
  tenantId: number,
  ids: number[],
): Promise<WorkshopTitle[]> {
  if (ids.length === 0) return [];
  return queryRows<WorkshopTitle>(
    db,
    sql`select w.id, et.title, w.status::text as status
        from workshops w join event_types et on et.id = w.event_type_id and et.tenant_id = w.tenant_id
        where w.tenant_id = ${tenantId} and w.id = any(${`{${ids.join(',')}}`}::int[])
        order by et.title, w.id`,
  );
}
