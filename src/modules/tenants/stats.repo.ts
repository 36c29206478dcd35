import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';

export interface StatsRange {
  tenantId: number;
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
  now: Date;
  /** Only the workshops this user teaches (a MEMBER's own figures); every workshop when absent. */
  teacherId?: number | undefined;
}

/**
 * `and <column> = any(the workshops the range's teacher teaches)`, or nothing for the whole
 * school. An array (one InitPlan) rather than `in (subquery)`: PostgreSQL planned the semi-join
 * by hashing every booking of those workshops, 3 to 5 times slower with 100,000 bookings.
 */
function taughtBy(r: { tenantId: number; teacherId?: number | undefined }, column: SQL) {
  if (r.teacherId === undefined) return sql``;
  return sql`and ${column} = any (${taughtWorkshops(r.tenantId, r.teacherId)})`;
}

const taughtWorkshops = (tenantId: number, teacherId: number) =>
  sql`array(
    select tw.id from workshops tw
    join event_types tet on tet.id = tw.event_type_id and tet.tenant_id = ${tenantId}
    where tw.tenant_id = ${tenantId} and tet.teacher_id = ${teacherId})`;

// The bookings a stats call counts: created in the range and pending, accepted or cancelled.
// Expired and failed holds never became bookings.
export const counted = (r: StatsRange) =>
  sql`b.tenant_id = ${r.tenantId} and b.created_at >= ${r.from} and b.created_at < ${r.to}
      and b.status in ('pending', 'accepted', 'cancelled') ${taughtBy(r, sql`b.workshop_id`)}`;

/** Succeeded payments created in the range, whichever workshop they paid for. */
const paidInRange = (r: StatsRange) =>
  sql`p.tenant_id = ${r.tenantId} and p.status = 'succeeded'
      and p.created_at >= ${r.from} and p.created_at < ${r.to}`;

/**
 * `from` the payments revenue counts, as `p`: succeeded, created in the range, and for a teacher
 * paying for their workshops' bookings.
 */
export const revenuePayments = (r: StatsRange) => {
  const taught =
    r.teacherId === undefined
      ? sql``
      : sql`join bookings pb on pb.id = p.booking_id and pb.tenant_id = ${r.tenantId}
              ${taughtBy(r, sql`pb.workshop_id`)}`;
  return sql`payments p ${taught} where ${paidInRange(r)}`;
};

/**
 * `from` the class pass sales revenue counts, as `sp` (issue 16): passes paid for in the range, at
 * their payment time. A pass-paid booking moved no money (amount 0, no payment row), so the sale
 * is the only place a pass's money is counted. For a teacher, only the passes that pay for
 * workshops they teach and no others: a pass good for every workshop, or for someone else's too,
 * is the school's sale, not theirs.
 */
export const passSales = (r: StatsRange) => {
  const taught =
    r.teacherId === undefined
      ? sql``
      : sql`and cardinality(sp.workshop_ids) > 0
            and sp.workshop_ids <@ ${taughtWorkshops(r.tenantId, r.teacherId)}`;
  return sql`student_passes sp
    where sp.tenant_id = ${r.tenantId} and sp.status = 'active'
      and sp.paid_at >= ${r.from} and sp.paid_at < ${r.to} ${taught}`;
};

export async function bookingTotals(db: Executor, r: StatsRange) {
  const [row] = await queryRows<{
    total: number;
    completed: number;
    cancelled: number;
    paid: number;
    students: number;
    attended: number;
    marked: number;
  }>(
    db,
    sql`select
          count(*)::int as total,
          (count(*) filter (where b.status = 'accepted' and b.end_time <= ${r.now}))::int as completed,
          (count(*) filter (where b.status = 'cancelled'))::int as cancelled,
          (count(*) filter (where b.paid and b.status in ('accepted', 'cancelled')))::int as paid,
          count(distinct lower(b.attendee_email))::int as students,
          (count(*) filter (where b.status = 'accepted' and b.attendance = 'attended'))::int as attended,
          (count(*) filter (where b.status = 'accepted' and b.attendance is not null))::int as marked
        from bookings b
        where ${counted(r)}`,
  );
  return row!;
}

/**
 * Succeeded payments created in the range, net of what was refunded, plus the class passes sold
 * in the range, in cents. (A pass refunded from Stripe's dashboard is not known here: it counts.)
 */
export async function revenue(db: Executor, r: StatsRange): Promise<number> {
  const [row] = await queryRows<{ revenue: number }>(
    db,
    sql`select ((select coalesce(sum(p.amount_cents - p.refunded_cents), 0) from ${revenuePayments(r)})
              + (select coalesce(sum(sp.amount_cents), 0) from ${passSales(r)}))::int as revenue`,
  );
  return row?.revenue ?? 0;
}

/** Staff and workshops not archived; for a teacher, themselves and the workshops they teach. */
export async function catalogCounts(db: Executor, tenantId: number, teacherId?: number) {
  const teachers =
    teacherId === undefined ? sql`(select count(*) from memberships where tenant_id = ${tenantId})` : sql`1`;
  const [row] = await queryRows<{ teachers: number; workshops: number }>(
    db,
    sql`select
          ${teachers}::int as teachers,
          (select count(*) from workshops w where w.tenant_id = ${tenantId} and w.status <> 'archived'
            ${taughtBy({ tenantId, teacherId }, sql`w.id`)})::int as workshops`,
  );
  return row!;
}

/**
 * The workshops with the most counted bookings in the range, each with its revenue measured
 * like the total: its bookings' succeeded payments created in the range, net of refunds (summed
 * over every workshop, that is totalRevenue less the class passes sold, which are not one
 * workshop's: a pass may pay for several).
 */
export async function topWorkshops(db: Executor, r: StatsRange, limit: number) {
  return queryRows<{ id: number; title: string; bookingCount: number; revenue: number }>(
    db,
    sql`with booked as (
          select b.workshop_id, count(*)::int as n from bookings b
          where ${counted(r)}
          group by b.workshop_id
        ), earned as (
          select b.workshop_id, sum(p.amount_cents - p.refunded_cents)::int as revenue
          from payments p
          join bookings b on b.id = p.booking_id and b.tenant_id = ${r.tenantId}
          where ${paidInRange(r)} ${taughtBy(r, sql`b.workshop_id`)}
          group by b.workshop_id
        )
        select w.id, et.title, booked.n as "bookingCount", coalesce(earned.revenue, 0)::int as revenue
        from booked
        join workshops w on w.id = booked.workshop_id and w.tenant_id = ${r.tenantId}
        join event_types et on et.id = w.event_type_id and et.tenant_id = ${r.tenantId}
        left join earned on earned.workshop_id = booked.workshop_id
        order by "bookingCount" desc, revenue desc, w.id
        limit ${limit}`,
  );
}

/**
 * Students in line on the waitlists of sessions yet to start (issue 16): the demand a full
 * class turns away. Counted now, whatever the period; a teacher's over the classes they teach.
 */
export async function waitingStudents(db: Executor, r: Pick<StatsRange, 'tenantId' | 'teacherId' | 'now'>) {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from waitlist_entries e
        join workshop_sessions s on s.id = e.session_id and s.tenant_id = ${r.tenantId}
        where e.tenant_id = ${r.tenantId} and e.status = 'waiting'
          and s.status = 'scheduled' and s.start_time > ${r.now} ${taughtBy(r, sql`e.workshop_id`)}`,
  );
  return row?.n ?? 0;
}
