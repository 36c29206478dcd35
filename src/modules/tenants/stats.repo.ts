import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';

export interface StatsRange {
  tenantId: number;
  from: Date;
  to: Date;
  now: Date;
}

/**
 * Booking statistics over [from, to) by booking creation time. Revenue is successful payments
 * minus refunds, in cents; a workshop's revenue counts its bookings' payments in the range.
 */
export async function bookingTotals(db: Executor, r: StatsRange) {
  const [row] = await queryRows<{
    total: number;
    completed: number;
    cancelled: number;
    accepted: number;
    students: number;
  }>(
    db,
    sql`select
          count(*)::int as total,
          (count(*) filter (where status = 'accepted' and end_time <= ${r.now}))::int as completed,
          (count(*) filter (where status = 'cancelled'))::int as cancelled,
          (count(*) filter (where status = 'accepted'))::int as accepted,
          (count(distinct lower(attendee_email)) filter (where status = 'accepted'))::int as students
        from bookings
        where tenant_id = ${r.tenantId} and created_at >= ${r.from} and created_at < ${r.to}`,
  );
  return row!;
}

export async function revenue(db: Executor, r: StatsRange): Promise<number> {
  const [row] = await queryRows<{ revenue: number }>(
    db,
    sql`select coalesce(sum(amount_cents - refunded_cents), 0)::int as revenue
        from payments
        where tenant_id = ${r.tenantId} and status = 'succeeded'
          and created_at >= ${r.from} and created_at < ${r.to}`,
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

export async function topWorkshops(db: Executor, r: StatsRange, limit: number) {
  return queryRows<{ id: number; title: string; bookingCount: number; revenue: number }>(
    db,
    sql`select w.id, et.title,
               count(b.id)::int as "bookingCount",
               coalesce(sum(p.amount_cents - p.refunded_cents) filter (where p.status = 'succeeded'), 0)::int as revenue
        from bookings b
        join workshops w on w.id = b.workshop_id and w.tenant_id = ${r.tenantId}
        join event_types et on et.id = w.event_type_id
        left join payments p on p.booking_id = b.id and p.tenant_id = ${r.tenantId}
        where b.tenant_id = ${r.tenantId} and b.status = 'accepted'
          and b.created_at >= ${r.from} and b.created_at < ${r.to}
        group by w.id, et.title
        order by "bookingCount" desc, revenue desc, w.id
        limit ${limit}`,
  );
}
