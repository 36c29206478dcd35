import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';

export type BookingStatus = 'pending' | 'accepted' | 'cancelled' | 'expired' | 'failed';

/** The workshop's teacher, to decide whether a MEMBER may see its bookings; undefined when not this tenant's. */
export async function findWorkshopTeacher(db: Executor, tenantId: number, workshopId: number) {
  const [row] = await queryRows<{ teacherId: number }>(
    db,
    sql`select et.teacher_id as "teacherId"
        from workshops w
        join event_types et on et.id = w.event_type_id and et.tenant_id = ${tenantId}
        where w.tenant_id = ${tenantId} and w.id = ${workshopId}`,
  );
  return row;
}

export interface WorkshopBookingFilters {
  tenantId: number;
  workshopId: number;
  status?: 'accepted' | 'pending' | 'cancelled' | undefined;
  /** Session start time at or after this instant. */
  startDate?: Date | undefined;
  /** Session start time before this instant. */
  endDate?: Date | undefined;
}

function bookingsWhere(f: WorkshopBookingFilters): SQL {
  const conditions = [sql`b.tenant_id = ${f.tenantId}`, sql`b.workshop_id = ${f.workshopId}`];
  if (f.status !== undefined) conditions.push(sql`b.status = ${f.status}::booking_status`);
  if (f.startDate !== undefined) conditions.push(sql`b.start_time >= ${f.startDate}`);
  if (f.endDate !== undefined) conditions.push(sql`b.start_time < ${f.endDate}`);
  return sql.join(conditions, sql` and `);
}

export interface WorkshopBookingRow {
  id: number;
  uid: string;
  title: string;
  startTime: Date | string;
  endTime: Date | string;
  status: BookingStatus;
  paid: boolean;
  attendeeEmail: string;
  attendeeName: string;
  attendeeTimeZone: string;
  immersioStudentId: string | null;
  registrationSource: string;
  createdAt: Date | string;
  /** Staff's mark from the session's start (issue 17); null while unmarked. */
  attendance: 'attended' | 'no_show' | null;
  /** The answers to the workshop's questions by question id (issue 17): the stored jsonb. */
  answers: unknown;
  /** The booking's latest succeeded payment; null columns when there is none. */
  paymentAmount: number | null;
  paymentRefunded: number | null;
  paymentCurrency: string | null;
  /** Whether that payment has a refund waiting for Stripe. */
  refundPending: boolean | null;
}

/**
 * One page of a workshop's bookings with each one's succeeded payment and any pending refund,
 * ordered by session start then id: one query whatever the page size.
 */
export async function listWorkshopBookings(
  db: Executor,
  f: WorkshopBookingFilters,
  page: { limit: number; offset: number },
) {
  return queryRows<WorkshopBookingRow>(
    db,
    sql`select b.id, b.uid, b.title, b.start_time as "startTime", b.end_time as "endTime", b.status,
               b.paid, b.attendee_email as "attendeeEmail", b.attendee_name as "attendeeName",
               b.attendee_time_zone as "attendeeTimeZone", b.immersio_student_id as "immersioStudentId",
               b.registration_source as "registrationSource", b.created_at as "createdAt", b.attendance,
               b.answers,
               p.amount_cents as "paymentAmount", p.refunded_cents as "paymentRefunded",
               p.currency as "paymentCurrency",
               case when p.id is null then null
                    else exists (select 1 from refunds r
                                 where r.tenant_id = ${f.tenantId} and r.payment_id = p.id
                                   and r.status = 'pending')
               end as "refundPending"
        from bookings b
        left join lateral (
          select pp.id, pp.amount_cents, pp.refunded_cents, pp.currency from payments pp
          where pp.tenant_id = ${f.tenantId} and pp.booking_id = b.id and pp.status = 'succeeded'
          order by pp.id desc limit 1
        ) p on true
        where ${bookingsWhere(f)}
        order by b.start_time asc, b.id asc
        limit ${page.limit} offset ${page.offset}`,
  );
}

export async function countWorkshopBookings(db: Executor, f: WorkshopBookingFilters): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from bookings b where ${bookingsWhere(f)}`,
  );
  return row?.n ?? 0;
}
