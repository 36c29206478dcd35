import { and, asc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../../db/client.ts';
import { type RawRow, toDate, toDateOrNull } from '../../../db/rows.ts';
import { bookings, enrolments, refunds, workshopSessions } from '../../../db/schema/index.ts';
import type { BookingRow } from '../bookings.repo.ts';

// Enrolments and what they read of their course: the workshop's scheduled sessions, the
// enrolment's bookings (its `series_uid` group) and their refunds. Taking the seats is the
// booking statements' (seats.repo.ts), inside the enrolment's transaction.

export type EnrolmentRow = typeof enrolments.$inferSelect;
export type NewEnrolment = Omit<
  EnrolmentRow,
  'id' | 'cancelledAt' | 'cancelledBy' | 'cancellationReason' | 'createdAt' | 'updatedAt'
> & { now: Date };

/** The workshop's scheduled (not cancelled) sessions, started or not, in time order. */
export async function courseSessions(db: Executor, tenantId: number, workshopId: number) {
  const s = workshopSessions;
  return db
    .select({ id: s.id, startTime: s.startTime, endTime: s.endTime, timeZone: s.timeZone })
    .from(s)
    .where(and(eq(s.tenantId, tenantId), eq(s.workshopId, workshopId), eq(s.status, 'scheduled')))
    .orderBy(asc(s.startTime), asc(s.id));
}

/**
 * Takes the tenant's allowance lock (see migration 0010) and counts the month's bookings. An
 * enrolment takes it before any seat row, as a single booking's statement does, so the two
 * never wait on each other in opposite orders.
 */
export async function lockBookingAllowance(db: Executor, tenantId: number, since: Date): Promise<number> {
  const [row] = await queryRows<{ used: number }>(
    db,
    sql`select booking_allowance_used(${tenantId}, ${since}) as used`,
  );
  return row?.used ?? 0;
}

export async function insertEnrolment(db: Executor, e: NewEnrolment): Promise<number> {
  const { now, ...values } = e;
  const [row] = await db
    .insert(enrolments)
    .values({ ...values, createdAt: now, updatedAt: now })
    .returning({ id: enrolments.id });
  return row!.id;
}

/** An enrolment by its public uid, whatever the tenant: the manage link carries only uid and token. */
export async function findEnrolmentByUid(db: Executor, uid: string): Promise<EnrolmentRow | undefined> {
  const [row] = await db.select().from(enrolments).where(eq(enrolments.uid, uid));
  return row;
}

export async function findTenantEnrolment(
  db: Executor,
  tenantId: number,
  uid: string,
): Promise<EnrolmentRow | undefined> {
  const [row] = await db
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.tenantId, tenantId), eq(enrolments.uid, uid)));
  return row;
}

export async function lockEnrolment(
  db: Executor,
  tenantId: number,
  by: { id: number } | { uid: string },
): Promise<EnrolmentRow | undefined> {
  const [row] = await db
    .select()
    .from(enrolments)
    .where(
      and(
        eq(enrolments.tenantId, tenantId),
        'id' in by ? eq(enrolments.id, by.id) : eq(enrolments.uid, by.uid),
      ),
    )
    .for('update');
  return row;
}

export async function markEnrolmentCancelled(
  db: Executor,
  tenantId: number,
  enrolmentId: number,
  change: { now: Date; by: 'student' | 'teacher' | 'admin'; reason: string | null },
) {
  await db
    .update(enrolments)
    .set({
      cancelledAt: change.now,
      cancelledBy: change.by,
      cancellationReason: change.reason,
      updatedAt: change.now,
    })
    .where(and(eq(enrolments.tenantId, tenantId), eq(enrolments.id, enrolmentId)));
}

const { updatedAt: _updatedAt, ...BOOKING_COLUMNS } = getTableColumns(bookings);

/** The enrolment's bookings, one per session, in time order (`lock`: for a cancellation). */
export async function enrolmentBookings(
  db: Executor,
  tenantId: number,
  enrolmentUid: string,
  options: { lock: boolean } = { lock: false },
): Promise<BookingRow[]> {
  const query = db
    .select(BOOKING_COLUMNS)
    .from(bookings)
    .where(and(eq(bookings.tenantId, tenantId), eq(bookings.seriesUid, enrolmentUid)))
    .orderBy(asc(bookings.startTime), asc(bookings.id));
  return options.lock ? query.for('update') : query;
}

export interface BookingRefund {
  bookingId: number;
  status: 'pending' | 'succeeded' | 'failed';
  amountCents: number;
  currency: string;
}

/** Each booking's latest refund, if any. */
export async function latestRefunds(
  db: Executor,
  tenantId: number,
  bookingIds: number[],
): Promise<Map<number, BookingRefund>> {
  if (bookingIds.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([refunds.bookingId], {
      bookingId: refunds.bookingId,
      status: refunds.status,
      amountCents: refunds.amountCents,
      currency: refunds.currency,
    })
    .from(refunds)
    .where(and(eq(refunds.tenantId, tenantId), inArray(refunds.bookingId, bookingIds)))
    .orderBy(refunds.bookingId, sql`${refunds.id} desc`);
  return new Map(rows.map((r) => [r.bookingId, r]));
}

/** An enrolment with how its sessions stand, for staff. */
export type StaffEnrolmentRow = EnrolmentRow & {
  pending: number;
  accepted: number;
  cancelled: number;
  lapsed: number;
  /** Accepted sessions still to come. */
  upcoming: number;
  paid: boolean;
  refundedCents: number;
  firstStart: Date | null;
  lastStart: Date | null;
};

/** A workshop's enrolments, newest first, with their bookings counted by status. */
export async function listWorkshopEnrolments(
  db: Executor,
  tenantId: number,
  workshopId: number,
  now: Date,
  limit: number,
): Promise<StaffEnrolmentRow[]> {
  const rows = await queryRows<RawRow<StaffEnrolmentRow> & Record<string, unknown>>(
    db,
    sql`select e.id, e.uid, e.tenant_id as "tenantId", e.workshop_id as "workshopId",
               e.attendee_email as "attendeeEmail", e.attendee_name as "attendeeName",
               e.attendee_time_zone as "attendeeTimeZone", e.immersio_student_id as "immersioStudentId",
               e.session_count as "sessionCount", e.course_sessions as "courseSessions",
               e.course_price_cents as "coursePriceCents", e.amount_cents as "amountCents", e.currency,
               e.registration_source as "registrationSource", e.cancelled_at as "cancelledAt",
               e.cancelled_by as "cancelledBy", e.cancellation_reason as "cancellationReason",
               e.created_at as "createdAt", e.updated_at as "updatedAt",
               coalesce(b.pending, 0)::int as pending, coalesce(b.accepted, 0)::int as accepted,
               coalesce(b.cancelled, 0)::int as cancelled, coalesce(b.lapsed, 0)::int as lapsed,
               coalesce(b.upcoming, 0)::int as upcoming, coalesce(b.paid, false) as paid,
               coalesce(r.refunded, 0)::int as "refundedCents",
               b.first_start as "firstStart", b.last_start as "lastStart"
        from enrolments e
        left join lateral (
          select count(*) filter (where status = 'pending') as pending,
                 count(*) filter (where status = 'accepted') as accepted,
                 count(*) filter (where status = 'cancelled') as cancelled,
                 count(*) filter (where status in ('expired', 'failed')) as lapsed,
                 count(*) filter (where status = 'accepted' and start_time > ${now}) as upcoming,
                 bool_or(paid) as paid, min(start_time) as first_start, max(start_time) as last_start
          from bookings where tenant_id = e.tenant_id and series_uid = e.uid
        ) b on true
        left join lateral (
          select sum(rf.amount_cents) as refunded from refunds rf
          join bookings rb on rb.id = rf.booking_id and rb.tenant_id = rf.tenant_id
          where rf.tenant_id = e.tenant_id and rb.series_uid = e.uid and rf.status = 'succeeded'
        ) r on true
        where e.tenant_id = ${tenantId} and e.workshop_id = ${workshopId}
        order by e.created_at desc, e.id desc
        limit ${limit}`,
  );
  return rows.map((row) => ({
    ...row,
    cancelledAt: toDateOrNull(row.cancelledAt),
    createdAt: toDate(row.createdAt),
    updatedAt: toDate(row.updatedAt),
    firstStart: toDateOrNull(row.firstStart),
    lastStart: toDateOrNull(row.lastStart),
  }));
}
