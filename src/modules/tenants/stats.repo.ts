import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';

export interface StatsRange {
  tenantId: number;
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
  now: Date;
}

/** The zone the tenant's periods are counted in. */
export async function tenantTimeZone(db: Executor, tenantId: number): Promise<string> {
  const [row] = await queryRows<{ timeZone: string }>(
    db,
    sql`select time_zone as "timeZone" from tenants where id = ${tenantId}`,
  );
  return row?.timeZone ?? 'UTC';
}

// The bookings a stats call counts: created in the range and pending, accepted or cancelled.
// Expired and failed holds never became bookings.
const counted = (r: StatsRange) =>
  sql`b.tenant_id = ${r.tenantId} and b.created_at >= ${r.from} and b.created_at < ${r.to}
      and b.status in ('pending', 'accepted', 'cancelled')`;

export async function bookingTotals(db: Executor, r: StatsRange) {
  const [row] = await queryRows<{
    total: number;
    completed: number;
    cancelled: number;
    paid: number;
    students: number;
  }>(
    db,
    sql`select
          count(*)::int as total,
          (count(*) filter (where b.status = 'accepted' and b.end_time <= ${r.now}))::int as completed,
          (count(*) filter (where b.status = 'cancelled'))::int as cancelled,
          (count(*) filter (where b.paid and b.status in ('accepted', 'cancelled')))::int as paid,
          count(distinct lower(b.attendee_email))::int as students
        from bookings b
        where ${counted(r)}`,
  );
  return row!;
}

/** Succeeded payments created in the range, net of what was refunded, in cents. */
export async function revenue(db: Executor, r: StatsRange): Promise<number> {
  const [row] = await queryRows<{ revenue: number }>(
    db,
    sql`select coalesce(sum(p.amount_cents - p.refunded_cents), 0)::int as revenue
        from payments p
        where p.tenant_id = ${r.tenantId} and p.status = 'succeeded'
          and p.created_at >= ${r.from} and p.created_at < ${r.to}`,
  );
  return row?.revenue ?? 0;
}

export async function catalogCounts(db: Executor, tenantId: number) {
  const [row] = await queryRows<{ teachers: number; workshops: number }>(
    db,
    sql`select
          (select count(*) from memberships where tenant_id = ${tenantId})::int as teachers,
          (select count(*) from workshops where tenant_id = ${tenantId} and status <> 'archived')::int as workshops`,
  );
  return row!;
}

/**
 * The workshops with the most counted bookings in the range, each with its revenue measured
 * like the total: its bookings' succeeded payments created in the range, net of refunds (summed
 * over every workshop, that is totalRevenue).
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
          where p.tenant_id = ${r.tenantId} and p.status = 'succeeded'
            and p.created_at >= ${r.from} and p.created_at < ${r.to}
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
