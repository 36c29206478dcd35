import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import { counted, passSales, revenuePayments, type StatsRange } from './stats.repo.ts';

// The overview's figures. Every statement is scoped by tenant_id, and by the teacher's workshops
// when the range names a teacher (a MEMBER's overview).

/**
 * The school's zone, whether it has created any workshop, and its main currency: the one most of
 * its workshops (not archived first, then any) are priced in; ties go to the newest workshop's.
 */
export async function overviewFacts(db: Executor, tenantId: number) {
  const [row] = await queryRows<{ timeZone: string; hasWorkshop: boolean; mainCurrency: string | null }>(
    db,
    sql`select t.time_zone as "timeZone",
          exists (select 1 from workshops w where w.tenant_id = ${tenantId}) as "hasWorkshop",
          (select et.currency from event_types et
            join workshops w on w.event_type_id = et.id and w.tenant_id = ${tenantId}
            where et.tenant_id = ${tenantId}
            group by et.currency
            order by count(*) filter (where w.status <> 'archived') desc, count(*) desc, max(et.id) desc
            limit 1) as "mainCurrency"
        from tenants t where t.id = ${tenantId}`,
  );
  return row;
}

export interface SeriesRange extends StatsRange {
  /** Where each day or month of the tenant's zone starts, oldest first (the first at or before `from`). */
  bucketStarts: Date[];
}

/**
 * Per bucket (1-based index into `bucketStarts`) that has any: the bookings getStats counts, by
 * creation time (`currency` null), and per currency the revenue getStats counts (succeeded
 * payments net of refunds, by payment time, and class passes sold, by their payment time). Rows are placed by comparing instants with the
 * buckets' starts (`width_bucket`): converting every row's time into the zone (`at time zone`)
 * took 3 to 4 times longer over a year of 100,000 bookings.
 */
export async function bookingSeries(db: Executor, r: SeriesRange) {
  const starts = `{${r.bucketStarts.map((d) => d.toISOString()).join(',')}}`;
  const bucket = (instant: SQL) => sql`width_bucket(${instant}, ${starts}::timestamptz[])`;
  return queryRows<{ bucket: number; currency: string | null; bookings: number; revenue: number }>(
    db,
    sql`select ${bucket(sql`b.created_at`)} as bucket, null::text as currency,
               count(*)::int as bookings, 0 as revenue
        from bookings b where ${counted(r)}
        group by 1
        union all
        select ${bucket(sql`p.created_at`)}, p.currency, 0, sum(p.amount_cents - p.refunded_cents)::int
        from ${revenuePayments(r)}
        group by 1, 2
        union all
        select ${bucket(sql`sp.paid_at`)}, sp.currency, 0, sum(sp.amount_cents)::int
        from ${passSales(r)}
        group by 1, 2`,
  );
}

export interface SessionWindow {
  tenantId: number;
  teacherId?: number | undefined;
  /** Sessions starting at or after this instant… */
  from: Date;
  /** …and before this one. */
  to: Date;
}

const teacherFilter = (w: SessionWindow) =>
  w.teacherId === undefined ? sql`` : sql`and et.teacher_id = ${w.teacherId}`;

/**
 * Seats taken (pending and accepted bookings) and seats offered over each workshop's sessions
 * that start in the window and are not cancelled; the fullest first.
 */
export async function fillRates(db: Executor, w: SessionWindow, limit: number) {
  return queryRows<{
    workshopId: number;
    title: string;
    sessionCount: number;
    seatsOffered: number;
    seatsTaken: number;
  }>(
    db,
    sql`select w.id as "workshopId", et.title, count(*)::int as "sessionCount",
               sum(s.seats)::int as "seatsOffered", sum(s.booked_seats)::int as "seatsTaken"
        from workshop_sessions s
        join workshops w on w.id = s.workshop_id and w.tenant_id = ${w.tenantId}
        join event_types et on et.id = w.event_type_id and et.tenant_id = ${w.tenantId}
        where s.tenant_id = ${w.tenantId} and s.status <> 'cancelled'
          and s.start_time >= ${w.from} and s.start_time < ${w.to}
          ${teacherFilter(w)}
        group by w.id, et.title
        order by sum(s.booked_seats)::float / nullif(sum(s.seats), 0) desc nulls last, et.title, w.id
        limit ${limit}`,
  );
}

/**
 * Sessions starting in the window, by start time: those not cancelled of active workshops, and
 * of draft or archived ones only when someone holds a seat (they still take place).
 */
export async function sessionsStarting(db: Executor, w: SessionWindow, limit: number) {
  return queryRows<{
    sessionId: number;
    workshopId: number;
    workshopTitle: string;
    teacherName: string;
    startTime: Date | string;
    endTime: Date | string;
    timeZone: string;
    seats: number;
    bookedSeats: number;
    waiting: number;
  }>(
    db,
    sql`select s.id as "sessionId", w.id as "workshopId", et.title as "workshopTitle",
               u.name as "teacherName", s.start_time as "startTime", s.end_time as "endTime",
               s.time_zone as "timeZone", s.seats, s.booked_seats as "bookedSeats",
               (select count(*)::int from waitlist_entries e
                where e.session_id = s.id and e.status = 'waiting') as waiting
        from workshop_sessions s
        join workshops w on w.id = s.workshop_id and w.tenant_id = ${w.tenantId}
        join event_types et on et.id = w.event_type_id and et.tenant_id = ${w.tenantId}
        join users u on u.id = et.teacher_id
        where s.tenant_id = ${w.tenantId} and s.status <> 'cancelled'
          and s.start_time >= ${w.from} and s.start_time < ${w.to}
          and (w.status = 'active' or s.booked_seats > 0)
          ${teacherFilter(w)}
        order by s.start_time, s.id
        limit ${limit}`,
  );
}
