import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import {
  eventTypes,
  memberships,
  tenants,
  users,
  whitelistEntries,
  workshopSessions,
  workshops,
} from '../../db/schema/index.ts';

export async function findTeacher(db: Executor, tenantId: number, userId: number) {
  const [row] = await db
    .select({ id: users.id, name: users.name, email: users.email, timeZone: users.timeZone })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
  return row;
}

/** Event types that count against the plan: every workshop not archived. */
export async function countLiveEventTypes(db: Executor, tenantId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(workshops)
    .where(and(eq(workshops.tenantId, tenantId), ne(workshops.status, 'archived')));
  return row?.n ?? 0;
}

export async function slugsLike(db: Executor, tenantId: number, base: string): Promise<Set<string>> {
  const rows = await db
    .select({ slug: eventTypes.slug })
    .from(eventTypes)
    .where(
      and(
        eq(eventTypes.tenantId, tenantId),
        sql`(${eventTypes.slug} = ${base} or ${eventTypes.slug} ~ ${`^${base}-[0-9]+$`})`,
      ),
    );
  return new Set(rows.map((r) => r.slug));
}

export async function insertEventType(db: Executor, values: typeof eventTypes.$inferInsert) {
  const [row] = await db.insert(eventTypes).values(values).returning({ id: eventTypes.id });
  return row!;
}

export async function insertWorkshop(db: Executor, values: typeof workshops.$inferInsert) {
  const [row] = await db
    .insert(workshops)
    .values(values)
    .returning({ id: workshops.id, createdAt: workshops.createdAt });
  return row!;
}

export async function insertSessions(db: Executor, rows: Array<typeof workshopSessions.$inferInsert>) {
  if (rows.length > 0) await db.insert(workshopSessions).values(rows);
}

export async function insertWhitelist(db: Executor, rows: Array<typeof whitelistEntries.$inferInsert>) {
  if (rows.length > 0) await db.insert(whitelistEntries).values(rows).onConflictDoNothing();
}

export interface ListFilters {
  tenantId: number;
  status?: 'active' | 'draft' | 'archived' | undefined;
  teacherId?: number | undefined;
  immersioCourseId?: string | undefined;
}

function listWhere(f: ListFilters) {
  const conditions = [sql`w.tenant_id = ${f.tenantId}`];
  if (f.status) conditions.push(sql`w.status = ${f.status}`);
  if (f.teacherId !== undefined) conditions.push(sql`et.teacher_id = ${f.teacherId}`);
  if (f.immersioCourseId !== undefined) conditions.push(sql`w.immersio_course_id = ${f.immersioCourseId}`);
  return sql.join(conditions, sql` and `);
}

export interface WorkshopListRow {
  id: number;
  eventTypeId: number;
  title: string;
  slug: string;
  description: string | null;
  duration: number;
  price: number;
  currency: string;
  seats: number;
  bookedSeats: number;
  teacherId: number;
  teacherName: string;
  teacherAvatarUrl: string | null;
  whitelistEnabled: boolean;
  immersioCourseId: string | null;
  status: 'active' | 'draft' | 'archived';
  nextOccurrence: Date | string | null;
  createdAt: Date | string;
}

/** One page of workshops with teacher and next upcoming session: one query whatever the page size. */
export async function listWorkshops(
  db: Executor,
  f: ListFilters,
  page: { limit: number; offset: number },
  now: Date,
) {
  return queryRows<WorkshopListRow>(
    db,
    sql`select w.id, w.event_type_id as "eventTypeId", et.title, et.slug, et.description,
               et.duration_minutes as duration, et.price_cents as price, et.currency, et.seats,
               coalesce(ns.booked_seats, 0)::int as "bookedSeats",
               u.id as "teacherId", u.name as "teacherName", u.avatar_url as "teacherAvatarUrl",
               w.whitelist_enabled as "whitelistEnabled", w.immersio_course_id as "immersioCourseId",
               w.status, ns.start_time as "nextOccurrence", w.created_at as "createdAt"
        from workshops w
        join event_types et on et.id = w.event_type_id and et.tenant_id = w.tenant_id
        join users u on u.id = et.teacher_id
        left join lateral (
          select s.start_time, s.booked_seats from workshop_sessions s
          where s.workshop_id = w.id and s.tenant_id = w.tenant_id
            and s.status = 'scheduled' and s.start_time > ${now}
          order by s.start_time limit 1
        ) ns on true
        where ${listWhere(f)}
        order by w.created_at desc, w.id desc
        limit ${page.limit} offset ${page.offset}`,
  );
}

export async function countWorkshops(db: Executor, f: ListFilters): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from workshops w
        join event_types et on et.id = w.event_type_id and et.tenant_id = w.tenant_id
        where ${listWhere(f)}`,
  );
  return row?.n ?? 0;
}

/** Locks the workshop row (serialising whitelist changes); undefined when not this tenant's. */
export async function lockWorkshop(db: Executor, tenantId: number, workshopId: number) {
  const [row] = await db
    .select({ id: workshops.id })
    .from(workshops)
    .where(and(eq(workshops.tenantId, tenantId), eq(workshops.id, workshopId)))
    .for('update');
  return row;
}

/** Inserts the entries that are not there yet; returns how many were inserted. */
export async function addWhitelistEntries(db: Executor, rows: Array<typeof whitelistEntries.$inferInsert>) {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insert(whitelistEntries)
    .values(rows)
    .onConflictDoNothing({ target: [whitelistEntries.workshopId, whitelistEntries.email] })
    .returning({ id: whitelistEntries.id });
  return inserted.length;
}

export async function removeWhitelistEntries(
  db: Executor,
  tenantId: number,
  workshopId: number,
  emails: { only: string[] } | { except: string[] },
) {
  const scope = and(eq(whitelistEntries.tenantId, tenantId), eq(whitelistEntries.workshopId, workshopId));
  const match =
    'only' in emails
      ? sql`${whitelistEntries.email} = any(${sql.param(emails.only)}::text[])`
      : sql`not (${whitelistEntries.email} = any(${sql.param(emails.except)}::text[]))`;
  const removed = await db
    .delete(whitelistEntries)
    .where(and(scope, match))
    .returning({ id: whitelistEntries.id });
  return removed.length;
}

export async function countWhitelist(db: Executor, tenantId: number, workshopId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(whitelistEntries)
    .where(and(eq(whitelistEntries.tenantId, tenantId), eq(whitelistEntries.workshopId, workshopId)));
  return row?.n ?? 0;
}

export async function findWorkshop(db: Executor, tenantId: number, workshopId: number) {
  const [row] = await db
    .select({
      workshop: workshops,
      eventType: eventTypes,
      teacher: { id: users.id, name: users.name, avatarUrl: users.image },
      tenantSlug: tenants.slug,
    })
    .from(workshops)
    .innerJoin(
      eventTypes,
      and(eq(eventTypes.id, workshops.eventTypeId), eq(eventTypes.tenantId, workshops.tenantId)),
    )
    .innerJoin(users, eq(users.id, eventTypes.teacherId))
    .innerJoin(tenants, eq(tenants.id, workshops.tenantId))
    .where(and(eq(workshops.tenantId, tenantId), eq(workshops.id, workshopId)));
  return row;
}

export async function listSessions(db: Executor, tenantId: number, workshopId: number) {
  return db
    .select({
      id: workshopSessions.id,
      startTime: workshopSessions.startTime,
      endTime: workshopSessions.endTime,
      timeZone: workshopSessions.timeZone,
      seats: workshopSessions.seats,
      bookedSeats: workshopSessions.bookedSeats,
      status: workshopSessions.status,
    })
    .from(workshopSessions)
    .where(and(eq(workshopSessions.tenantId, tenantId), eq(workshopSessions.workshopId, workshopId)))
    .orderBy(asc(workshopSessions.startTime));
}
