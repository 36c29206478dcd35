import { and, desc, eq, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../../db/client.ts';
import { type bookings, type payments, refunds } from '../../../db/schema/index.ts';

// Every refund is of a whole payment; a payment has at most one refund pending or succeeded.

type Refund = typeof refunds.$inferSelect;

export type RefundReason =
  | 'student_cancelled'
  | 'staff_cancelled'
  | 'session_cancelled'
  | 'admin'
  | 'late_payment'
  /** A session of a cancelled enrolment: its cancellation e-mail is the enrolment's, sent once. */
  | 'enrolment_cancelled';

export async function insertRefund(
  db: Executor,
  r: Pick<Refund, 'tenantId' | 'bookingId' | 'paymentId' | 'amountCents' | 'currency'> & {
    reason: RefundReason;
    now: Date;
  },
): Promise<number> {
  const [row] = await queryRows<Pick<Refund, 'id'>>(
    db,
    sql`insert into refunds (tenant_id, booking_id, payment_id, amount_cents, currency, reason, created_at, updated_at)
        values (${r.tenantId}, ${r.bookingId}, ${r.paymentId}, ${r.amountCents}, ${r.currency}, ${r.reason},
          ${r.now}, ${r.now})
        returning id`,
  );
  return row!.id;
}

/** A refund with what sending it to Stripe needs: the payment intent, the account, the booking. */
export type RefundJob = Pick<
  Refund,
  'id' | 'tenantId' | 'bookingId' | 'paymentId' | 'amountCents' | 'currency' | 'status' | 'stripeRefundId'
> &
  Pick<typeof payments.$inferSelect, 'stripePaymentId' | 'stripeAccountId'> & {
    reason: RefundReason;
    bookingUid: (typeof bookings.$inferSelect)['uid'];
  };

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
  const [row] = await queryRows<Pick<Refund, 'id'>>(
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
  const [row] = await db
    .update(refunds)
    .set({ status: 'failed', failureMessage: message.slice(0, 2000), updatedAt: now })
    .where(and(eq(refunds.id, refundId), eq(refunds.tenantId, tenantId), eq(refunds.status, 'pending')))
    .returning({ id: refunds.id });
  return row !== undefined;
}

export async function countRefundAttempt(db: Executor, tenantId: number, refundId: number, message: string) {
  await db
    .update(refunds)
    .set({ attempts: sql`${refunds.attempts} + 1`, failureMessage: message.slice(0, 2000) })
    .where(and(eq(refunds.id, refundId), eq(refunds.tenantId, tenantId)));
}

/** The booking's latest refund, if any: what the student's page says about their money. */
export async function latestRefund(db: Executor, tenantId: number, bookingId: number) {
  const [row] = await db
    .select({ status: refunds.status, amount: refunds.amountCents, currency: refunds.currency })
    .from(refunds)
    .where(and(eq(refunds.tenantId, tenantId), eq(refunds.bookingId, bookingId)))
    .orderBy(desc(refunds.id))
    .limit(1);
  return row;
}
