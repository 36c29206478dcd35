import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';

// A paid booking holds its seat until `hold_expires_at`; these statements give back the seats of
// holds whose webhook never came, each booking and its seat in the same statement.

/**
 * Ends the session's holds that lapsed (their webhook may never come) and gives their seats
 * back, in one statement; their Stripe checkouts are expired by the outbox. Returns how many.
 */
export async function releaseLapsedHolds(db: Executor, tenantId: number, sessionId: number, now: Date) {
  const [row] = await queryRows<{ released: number }>(
    db,
    sql`with lapsed as (
          update bookings set status = 'expired', updated_at = ${now}
          where tenant_id = ${tenantId} and session_id = ${sessionId}
            and status = 'pending' and hold_expires_at <= ${now}
          returning id, stripe_checkout_session_id
        ), seat as (
          update workshop_sessions set booked_seats = booked_seats - (select count(*) from lapsed)
          where id = ${sessionId} and tenant_id = ${tenantId} and exists (select 1 from lapsed)
        ), jobs as (
          insert into outbox (kind, tenant_id, payload)
          select 'stripe.expire-checkout', ${tenantId}, jsonb_build_object('bookingId', id)
          from lapsed where stripe_checkout_session_id is not null
        )
        select count(*)::int as released from lapsed`,
  );
  return row?.released ?? 0;
}

/**
 * The sweeper's pass over every tenant: lapsed holds, oldest first, in batches; rows another
 * instance is working on are skipped. Returns the tenants whose seat counts changed.
 */
export async function sweepLapsedHolds(db: Executor, now: Date, batch: number) {
  return queryRows<{ tenantId: number; released: number }>(
    db,
    sql`with lapsed as (
          update bookings b set status = 'expired', updated_at = ${now}
          where b.id in (
            select id from bookings
            where status = 'pending' and hold_expires_at <= ${now}
            order by hold_expires_at limit ${batch}
            for update skip locked)
          returning b.id, b.tenant_id, b.session_id, b.stripe_checkout_session_id
        ), seats as (
          update workshop_sessions s set booked_seats = s.booked_seats - l.n
          from (select session_id, count(*)::int as n from lapsed where session_id is not null
                group by session_id) l
          where s.id = l.session_id
        ), jobs as (
          insert into outbox (kind, tenant_id, payload)
          select 'stripe.expire-checkout', tenant_id, jsonb_build_object('bookingId', id)
          from lapsed where stripe_checkout_session_id is not null
        )
        select tenant_id as "tenantId", count(*)::int as released from lapsed group by tenant_id`,
  );
}
