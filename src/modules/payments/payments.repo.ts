import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';

export async function insertPayment(
  db: Executor,
  p: {
    tenantId: number;
    bookingId: number;
    amountCents: number;
    feeCents: number;
    currency: string;
    stripeCheckoutSessionId: string;
    stripePaymentId: string | null;
    stripeCustomerId: string | null;
    stripeAccountId: string | null;
    now: Date;
  },
): Promise<number | undefined> {
  // The checkout session id is unique: a redelivered or concurrent event inserts nothing.
  const [row] = await queryRows<{ id: number }>(
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

export interface PaymentRow {
  id: number;
  amountCents: number;
  refundedCents: number;
  currency: string;
  stripePaymentId: string | null;
  /** A refund that is pending or done already. */
  liveRefundId: number | null;
}

/** The booking's successful payment, if any, with any refund under way or done. */
export async function findPayment(db: Executor, tenantId: number, bookingId: number) {
  const [row] = await queryRows<PaymentRow>(
    db,
    sql`select p.id, p.amount_cents as "amountCents", p.refunded_cents as "refundedCents", p.currency,
               p.stripe_payment_id as "stripePaymentId",
               (select r.id from refunds r where r.payment_id = p.id and r.status in ('pending', 'succeeded')
                limit 1) as "liveRefundId"
        from payments p
        where p.tenant_id = ${tenantId} and p.booking_id = ${bookingId} and p.status = 'succeeded'
        order by p.id desc limit 1`,
  );
  return row;
}

export async function insertRefund(
  db: Executor,
  r: {
    tenantId: number;
    bookingId: number;
    paymentId: number;
    amountCents: number;
    currency: string;
    reason: RefundReason;
    now: Date;
  },
): Promise<number> {
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`insert into refunds (tenant_id, booking_id, payment_id, amount_cents, currency, reason, created_at, updated_at)
        values (${r.tenantId}, ${r.bookingId}, ${r.paymentId}, ${r.amountCents}, ${r.currency}, ${r.reason},
          ${r.now}, ${r.now})
        returning id`,
  );
  return row!.id;
}

export type RefundReason =
  | 'student_cancelled'
  | 'staff_cancelled'
  | 'session_cancelled'
  | 'admin'
  | 'late_payment';

export interface RefundJob {
  id: number;
  tenantId: number;
  bookingId: number;
  paymentId: number;
  amountCents: number;
  currency: string;
  status: 'pending' | 'succeeded' | 'failed';
  reason: RefundReason;
  stripeRefundId: string | null;
  stripePaymentId: string | null;
  stripeAccountId: string | null;
  bookingUid: string;
}

export async function findRefund(db: Executor, refundId: number) {
  const [row] = await queryRows<RefundJob>(
    db,
    sql`select r.id, r.tenant_id as "tenantId", r.booking_id as "bookingId", r.payment_id as "paymentId",
               r.amount_cents as "amountCents", r.currency, r.status, r.reason,
               r.stripe_refund_id as "stripeRefundId", p.stripe_payment_id as "stripePaymentId",
               p.stripe_account_id as "stripeAccountId", b.uid as "bookingUid"
        from refunds r
        join payments p on p.id = r.payment_id and p.tenant_id = r.tenant_id
        join bookings b on b.id = r.booking_id and b.tenant_id = r.tenant_id
        where r.id = ${refundId}`,
  );
  return row;
}

/** pending → succeeded once, adding the amount to the payment's refunded total. */
export async function completeRefund(
  db: Executor,
  tenantId: number,
  refundId: number,
  stripeRefundId: string,
  now: Date,
): Promise<boolean> {
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`with done as (
          update refunds set status = 'succeeded', stripe_refund_id = ${stripeRefundId}, updated_at = ${now}
          where id = ${refundId} and tenant_id = ${tenantId} and status = 'pending'
          returning id, payment_id, amount_cents
        ), paid as (
          update payments p set refunded_cents = p.refunded_cents + done.amount_cents, updated_at = ${now}
          from done where p.id = done.payment_id and p.tenant_id = ${tenantId}
        )
        select id from done`,
  );
  return row !== undefined;
}

export async function failRefund(
  db: Executor,
  tenantId: number,
  refundId: number,
  message: string,
  now: Date,
): Promise<boolean> {
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`update refunds set status = 'failed', failure_message = ${message.slice(0, 2000)}, updated_at = ${now}
        where id = ${refundId} and tenant_id = ${tenantId} and status = 'pending'
        returning id`,
  );
  return row !== undefined;
}

export async function countRefundAttempt(db: Executor, tenantId: number, refundId: number, message: string) {
  await db.execute(
    sql`update refunds set attempts = attempts + 1, failure_message = ${message.slice(0, 2000)}
        where id = ${refundId} and tenant_id = ${tenantId}`,
  );
}
