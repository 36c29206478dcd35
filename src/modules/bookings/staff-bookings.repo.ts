import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import { type RawRow, toDate, toDateOrNull } from '../../db/rows.ts';
import type { eventTypes, payments, refunds, users, workshopSessions } from '../../db/schema/index.ts';
import type { BookingRow } from './bookings.repo.ts';

// The staff app's reads of bookings across the school: the list, a session's roster and the
// CSV export, which pages through the same query by id (keyset) instead of an offset.

export type BookingStatus = BookingRow['status'];

export interface StaffBookingFilters {
  tenantId: number;
  statuses: readonly BookingStatus[];
  /** Sessions starting on or after this day, `YYYY-MM-DD` in the school's zone. */
  fromDay?: string | undefined;
  /** Sessions starting on or before this day, in the school's zone. */
  toDay?: string | undefined;
  workshopId?: number | undefined;
  teacherId?: number | undefined;
  sessionId?: number | undefined;
}

/** Newest first (the list), or oldest first (a roster: in the order people booked). */
export type StaffBookingOrder = 'newest' | 'oldest';

export type StaffBookingPage =
  | { limit: number; offset: number }
  /** The rows after the one with this id, in the order asked for. */
  | { limit: number; afterId: number };

// The day bounds are turned into instants in SQL, in the school's zone, once per statement.
const schoolZone = (tenantId: number) => sql`(select time_zone from tenants where id = ${tenantId})`;

function where(f: StaffBookingFilters): SQL {
  const conditions = [
    sql`b.tenant_id = ${f.tenantId}`,
    sql`b.status in (${sql.join(
      f.statuses.map((s) => sql`${s}::booking_status`),
      sql`, `,
    )})`,
  ];
  if (f.fromDay !== undefined) {
    conditions.push(
      sql`b.start_time >= (${f.fromDay}::date)::timestamp at time zone ${schoolZone(f.tenantId)}`,
    );
  }
  if (f.toDay !== undefined) {
    conditions.push(
      sql`b.start_time < (${f.toDay}::date + 1)::timestamp at time zone ${schoolZone(f.tenantId)}`,
    );
  }
  if (f.workshopId !== undefined) conditions.push(sql`b.workshop_id = ${f.workshopId}`);
  if (f.sessionId !== undefined) conditions.push(sql`b.session_id = ${f.sessionId}`);
  if (f.teacherId !== undefined) {
    // The teacher's workshops are few: a semi-join keeps the plan on the bookings index.
    conditions.push(
      sql`b.workshop_id in (select w.id from workshops w
            join event_types et on et.id = w.event_type_id and et.tenant_id = ${f.tenantId}
            where w.tenant_id = ${f.tenantId} and et.teacher_id = ${f.teacherId})`,
    );
  }
  return sql.join(conditions, sql` and `);
}

type Session = typeof workshopSessions.$inferSelect;
type EventType = typeof eventTypes.$inferSelect;
type User = typeof users.$inferSelect;
type Payment = typeof payments.$inferSelect;
type Refund = typeof refunds.$inferSelect;

export type StaffBookingRow = Pick<
  BookingRow,
  | 'id'
  | 'uid'
  | 'status'
  | 'paid'
  | 'sessionId'
  | 'startTime'
  | 'endTime'
  | 'workshopId'
  | 'attendeeName'
  | 'attendeeEmail'
  | 'attendeeTimeZone'
  | 'registrationSource'
  | 'immersioStudentId'
  | 'cancelledAt'
  | 'cancelledBy'
  | 'cancellationReason'
  | 'createdAt'
  | 'seriesUid'
  | 'attendance'
  | 'attendanceMarkedAt'
  | 'answers'
> & {
  /** The workshop's current questions, to label the answers. */
  questions: unknown;
  timeZone: Session['timeZone'];
  workshopTitle: EventType['title'];
  teacherId: EventType['teacherId'];
  teacherName: User['name'];
  paymentAmount: Payment['amountCents'] | null;
  paymentCurrency: Payment['currency'] | null;
  paymentStatus: 'succeeded' | 'refund_pending' | 'refunded' | 'partially_refunded' | null;
  refundAmount: Refund['amountCents'] | null;
  refundCurrency: Refund['currency'] | null;
  refundStatus: Refund['status'] | null;
};

/**
 * One page of bookings with their session, workshop, teacher, payment and latest refund. The
 * page's ids are chosen first on the bookings table alone, so the joins run for its rows only.
 */
export async function listStaffBookings(
  db: Executor,
  f: StaffBookingFilters,
  order: StaffBookingOrder,
  page: StaffBookingPage,
): Promise<StaffBookingRow[]> {
  const direction = order === 'newest' ? sql`desc` : sql`asc`;
  const after =
    'afterId' in page
      ? order === 'newest'
        ? sql`and b.id < ${page.afterId}`
        : sql`and b.id > ${page.afterId}`
      : sql``;
  const offset = 'offset' in page ? sql`offset ${page.offset}` : sql``;
  const rows = await queryRows<RawRow<StaffBookingRow>>(
    db,
    sql`with page as (
          select b.id from bookings b
          where ${where(f)} ${after}
          order by b.id ${direction}
          limit ${page.limit} ${offset}
        )
        select b.id, b.uid, b.status, b.paid, b.session_id as "sessionId",
               b.start_time as "startTime", b.end_time as "endTime",
               coalesce(s.time_zone, t.time_zone) as "timeZone",
               b.workshop_id as "workshopId", et.title as "workshopTitle",
               et.teacher_id as "teacherId", u.name as "teacherName",
               b.attendee_name as "attendeeName", b.attendee_email as "attendeeEmail",
               b.attendee_time_zone as "attendeeTimeZone", b.registration_source as "registrationSource",
               b.immersio_student_id as "immersioStudentId", b.cancelled_at as "cancelledAt",
               b.cancelled_by as "cancelledBy", b.cancellation_reason as "cancellationReason",
               b.created_at as "createdAt", b.series_uid as "seriesUid",
               b.attendance, b.attendance_marked_at as "attendanceMarkedAt",
               b.answers, w.questions,
               p.amount_cents as "paymentAmount", p.currency as "paymentCurrency",
               case when p.id is null then null
                    when exists (select 1 from refunds pr
                                 where pr.tenant_id = ${f.tenantId} and pr.payment_id = p.id
                                   and pr.status = 'pending') then 'refund_pending'
                    when p.refunded_cents <= 0 then 'succeeded'
                    when p.refunded_cents >= p.amount_cents then 'refunded'
                    else 'partially_refunded'
               end as "paymentStatus",
               r.amount_cents as "refundAmount", r.currency as "refundCurrency", r.status as "refundStatus"
        from page
        join bookings b on b.id = page.id
        join tenants t on t.id = b.tenant_id
        join workshops w on w.id = b.workshop_id and w.tenant_id = b.tenant_id
        join event_types et on et.id = w.event_type_id and et.tenant_id = b.tenant_id
        join users u on u.id = et.teacher_id
        left join workshop_sessions s on s.id = b.session_id and s.tenant_id = b.tenant_id
        left join lateral (
          select pp.id, pp.amount_cents, pp.refunded_cents, pp.currency from payments pp
          where pp.tenant_id = b.tenant_id and pp.booking_id = b.id and pp.status = 'succeeded'
          order by pp.id desc limit 1
        ) p on true
        left join lateral (
          select rr.amount_cents, rr.currency, rr.status from refunds rr
          where rr.tenant_id = b.tenant_id and rr.booking_id = b.id
          order by rr.id desc limit 1
        ) r on true
        order by b.id ${direction}`,
  );
  return rows.map((row) => ({
    ...row,
    startTime: toDate(row.startTime),
    endTime: toDate(row.endTime),
    cancelledAt: toDateOrNull(row.cancelledAt),
    createdAt: toDate(row.createdAt),
    attendanceMarkedAt: toDateOrNull(row.attendanceMarkedAt),
  }));
}

export async function countStaffBookings(db: Executor, f: StaffBookingFilters): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from bookings b where ${where(f)}`,
  );
  return row?.n ?? 0;
}

export type StaffSessionRow = Pick<
  Session,
  'id' | 'workshopId' | 'startTime' | 'endTime' | 'timeZone' | 'seats' | 'bookedSeats' | 'status'
> &
  Pick<EventType, 'priceCents' | 'currency' | 'teacherId'> & {
    workshopTitle: EventType['title'];
    teacherName: User['name'];
  };

/** A session with its workshop and teacher; undefined when it is not this tenant's. */
export async function findStaffSession(
  db: Executor,
  tenantId: number,
  sessionId: number,
): Promise<StaffSessionRow | undefined> {
  const [row] = await queryRows<RawRow<StaffSessionRow>>(
    db,
    sql`select s.id, s.workshop_id as "workshopId", et.title as "workshopTitle",
               s.start_time as "startTime", s.end_time as "endTime", s.time_zone as "timeZone",
               s.seats, s.booked_seats as "bookedSeats", s.status,
               et.price_cents as "priceCents", et.currency,
               et.teacher_id as "teacherId", u.name as "teacherName"
        from workshop_sessions s
        join workshops w on w.id = s.workshop_id and w.tenant_id = ${tenantId}
        join event_types et on et.id = w.event_type_id and et.tenant_id = ${tenantId}
        join users u on u.id = et.teacher_id
        where s.tenant_id = ${tenantId} and s.id = ${sessionId}`,
  );
  return row && { ...row, startTime: toDate(row.startTime), endTime: toDate(row.endTime) };
}
