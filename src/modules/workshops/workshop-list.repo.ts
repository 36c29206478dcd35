import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import { type RawRow, toDate, toDateOrNull } from '../../db/rows.ts';

export interface ListFilters {
  tenantId: number;
  status?: 'active' | 'draft' | 'archived' | undefined;
  teacherId?: number | undefined;
  immersioCourseId?: string | undefined;
  /** Part of the title, matched without regard to case. */
  search?: string | undefined;
}

/** `%`, `_` and `\` typed by a person are literal characters, not LIKE wildcards. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function listWhere(f: ListFilters) {
  const conditions = [sql`w.tenant_id = ${f.tenantId}`];
  if (f.status) conditions.push(sql`w.status = ${f.status}`);
  if (f.teacherId !== undefined) conditions.push(sql`et.teacher_id = ${f.teacherId}`);
  if (f.immersioCourseId !== undefined) conditions.push(sql`w.immersio_course_id = ${f.immersioCourseId}`);
  if (f.search) conditions.push(sql`et.title ilike ${likeContains(f.search)}`);
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
  nextOccurrence: Date | null;
  createdAt: Date;
}

/** One page of workshops with teacher and next upcoming session: one query whatever the page size. */
export async function listWorkshops(
  db: Executor,
  f: ListFilters,
  page: { limit: number; offset: number },
  now: Date,
) {
  const rows = await queryRows<RawRow<WorkshopListRow>>(
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
  return rows.map(
    (row): WorkshopListRow => ({
      ...row,
      nextOccurrence: toDateOrNull(row.nextOccurrence),
      createdAt: toDate(row.createdAt),
    }),
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
