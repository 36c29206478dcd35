import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../../db/client.ts';
import type { payments } from '../../../db/schema/index.ts';

type Payment = typeof payments.$inferSelect;

export async function insertPayment(
  db: Executor,
  p: Pick<
    Payment,
    | 'tenantId'
    | 'bookingId'
    | 'amountCents'
    | 'feeCents'
    | 'currency'
    | 'stripePaymentId'
    | 'stripeCustomerId'
    | 'stripeAccountId'
  > & { stripeCheckoutSessionId: string; now: Date },
): Promise<number | undefined> {
  // The checkout session id is unique: a redelivered or concurrent event inserts nothing.
  const [row] = await queryRows<Pick<Payment, 'id'>>(
    db,
    sql`insert into payments (tenant_id, booking_id, amount_cents, fee_cents, currency, status,
          stripe_checkout_session_id, stripe_payment_id, stripe_customer_id, stripe_account_id,
          created_at, updated_at)
        values (${p.tenantId}, ${p.bookingId}, ${p.amountCents}, ${p.feeCents}, ${p.currency}, 'succeeded',
          ${p.stripeCheckoutSessionId}, ${p.stripePaymentId}, ${p.stripeCustomerId}, ${p.stripeAccountId},
          ${p.now}, ${p.now})
        on conflict (stripe_checkout_session_id) do nothing
        returning id`,
  );
  return row?.id;
}

export type PaymentRow = Pick<
  Payment,
  'id' | 'amountCents' | 'refundedCents' | 'currency' | 'stripePaymentId'
> & {
  /** This booking's refund of the payment that is pending or done already. */
  liveRefundId: number | null;
  /** Refunds of the payment still pending (for other occurrences of a series). */
  pendingCents: number;
  /** The booking's own price when the payment paid for a series: its share of it. */
  shareCents: number | null;
};

/**
 * The booking's successful payment, if any, with any refund under way or done: its own, or for
 * an occurrence of a series paid at once, the series' payment (made on its first occurrence).
 * Refunds read all of it; a move (reschedule-booking.ts) keeps its Stripe payment id.
 */
export async function findPayment(db: Executor, tenantId: number, bookingId: number) {
  const [row] = await queryRows<PaymentRow>(
    db,
    sql`select p.id, p.amount_cents as "amountCents", p.refunded_cents as "refundedCents", p.currency,
               p.stripe_payment_id as "stripePaymentId",
               (select r.id from refunds r where r.payment_id = p.id and r.booking_id = b.id
                  and r.status in ('pending', 'succeeded') limit 1) as "liveRefundId",
               coalesce((select sum(r.amount_cents) from refunds r
                         where r.payment_id = p.id and r.status = 'pending'), 0)::int as "pendingCents",
               case when b.series_uid is not null then b.amount_cents end as "shareCents"
        from bookings b
        join payments p on p.tenant_id = b.tenant_id and p.status = 'succeeded'
          and (p.booking_id = b.id
               or p.booking_id in (select s.id from bookings s
                                   where s.tenant_id = b.tenant_id and s.series_uid = b.series_uid))
        where b.tenant_id = ${tenantId} and b.id = ${bookingId}
        order by p.id desc limit 1`,
  );
  return row;
}
