import { and, eq, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import { landingPages, memberships } from '../../db/schema/index.ts';

// The public catalogue's reads. The tenant is found by its slug (the only thing a visitor
// knows); every query after that is scoped by the tenant id found.

export async function findLandingPage(db: Executor, tenantId: number) {
  const [row] = await db.select().from(landingPages).where(eq(landingPages.tenantId, tenantId));
  return row;
}

/** The owner is "the teacher" the landing page's teacher bio and avatar describe. */
export async function findOwnerId(db: Executor, tenantId: number): Promise<number | undefined> {
  const [row] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.role, 'OWNER')))
    .orderBy(memberships.createdAt)
    .limit(1);
  return row?.userId;
}

export interface PublicWorkshopRow {
  id: number;
  title: string;
  slug: string;
  description: string | null;
  duration: number;
  price: number;
  currency: string;
  seats: number;
  locations: Array<{ type: string }>;
  whitelistEnabled: boolean;
  waitlistEnabled: boolean;
  teacherId: number;
  teacherName: string;
  teacherAvatarUrl: string | null;
  nextStart: Date | string | null;
  nextSeats: number | null;
  nextBooked: number | null;
  bookingMode: 'fixed' | 'slots';
  scheduleId: number | null;
  slotIntervalMinutes: number | null;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minimumNoticeMinutes: number;
  bookingHorizonDays: number;
  maxBookingsPerDay: number | null;
  teachingLanguage: string | null;
}

const WORKSHOP_COLUMNS = `w.id, et.title, et.slug, et.description, et.duration_minutes as duration,
  et.price_cents as price, et.currency, et.seats, et.locations, w.whitelist_enabled as "whitelistEnabled",
  w.waitlist_enabled as "waitlistEnabled", u.id as "teacherId", u.name as "teacherName", u.avatar_url as "teacherAvatarUrl",
  ns.start_time as "nextStart", ns.seats as "nextSeats", ns.booked_seats as "nextBooked",
  w.booking_mode as "bookingMode", w.schedule_id as "scheduleId",
  w.slot_interval_minutes as "slotIntervalMinutes", w.buffer_before_minutes as "bufferBeforeMinutes",
  w.buffer_after_minutes as "bufferAfterMinutes", w.minimum_notice_minutes as "minimumNoticeMinutes",
  w.booking_horizon_days as "bookingHorizonDays", w.max_bookings_per_day as "maxBookingsPerDay",
  w.teaching_language as "teachingLanguage"`;

/** Active workshops with teacher and next upcoming session, soonest first: one query. */
export async function listActiveWorkshops(db: Executor, tenantId: number, now: Date) {
  return queryRows<PublicWorkshopRow>(db, activeWorkshopsQuery(tenantId, now));
}

export async function findActiveWorkshop(db: Executor, tenantId: number, slug: string, now: Date) {
  const [row] = await queryRows<PublicWorkshopRow>(db, activeWorkshopsQuery(tenantId, now, slug));
  return row;
}

function activeWorkshopsQuery(tenantId: number, now: Date, slug?: string) {
  return sql`select ${sql.raw(WORKSHOP_COLUMNS)}
    from workshops w
    join event_types et on et.id = w.event_type_id and et.tenant_id = w.tenant_id
    join users u on u.id = et.teacher_id
    left join lateral (
      select s.start_time, s.seats, s.booked_seats from workshop_sessions s
      where s.workshop_id = w.id and s.tenant_id = w.tenant_id
        and s.status = 'scheduled' and s.start_time > ${now}
      order by s.start_time limit 1
    ) ns on true
    where w.tenant_id = ${tenantId} and w.status = 'active'
      ${slug === undefined ? sql`` : sql`and et.slug = ${slug}`}
    order by ns.start_time asc nulls last, et.title asc, w.id asc`;
}

export interface PublicSessionRow {
  startTime: Date | string;
  endTime: Date | string;
  timeZone: string;
  seats: number;
  bookedSeats: number;
}

/** The next `limit` scheduled sessions of one workshop. */
export async function upcomingSessions(
  db: Executor,
  tenantId: number,
  workshopId: number,
  now: Date,
  limit: number,
) {
  return queryRows<PublicSessionRow>(
    db,
    sql`select start_time as "startTime", end_time as "endTime", time_zone as "timeZone", seats,
               booked_seats as "bookedSeats"
        from workshop_sessions
        where tenant_id = ${tenantId} and workshop_id = ${workshopId}
          and status = 'scheduled' and start_time > ${now}
        order by start_time limit ${limit}`,
  );
}

/** A fixed-schedule workshop's open sessions starting in [from, to), for its slots answer. */
export async function sessionsBetween(
  db: Executor,
  input: { tenantId: number; workshopId: number; from: Date; to: Date; now: Date },
) {
  return queryRows<PublicSessionRow>(
    db,
    sql`select start_time as "startTime", end_time as "endTime", time_zone as "timeZone", seats,
               booked_seats as "bookedSeats"
        from workshop_sessions
        where tenant_id = ${input.tenantId} and workshop_id = ${input.workshopId}
          and status = 'scheduled' and start_time > ${input.now}
          and start_time >= ${input.from} and start_time < ${input.to}
        order by start_time`,
  );
}
