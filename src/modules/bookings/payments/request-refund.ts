import type { Executor } from '../../../db/client.ts';
import { enqueueJob } from '../../outbox/enqueue.ts';
import type { BookingRow } from '../bookings.repo.ts';
import { refundableCents } from '../refund-rule.ts';
import { refundJob } from './payment-jobs.ts';
import { findPayment } from './payments.repo.ts';
import { insertRefund, type RefundReason } from './refunds.repo.ts';

/** The outbox retries a refund whose immediate attempt failed; this long after the request. */
const REFUND_RETRY_DELAY_MS = 30_000;

/**
 * Records a refund of the booking's payment (all of it; one occurrence's share of a series'
 * payment, or all of it for a late payment) and schedules it; returns undefined when
 * nothing was paid or a refund already exists. Call inside the transaction that decides it.
 */
export async function requestRefund(
  tx: Executor,
  input: { booking: BookingRow; reason: RefundReason; now: Date },
): Promise<{ refundId: number; amount: number; currency: string } | undefined> {
  const payment = await findPayment(tx, input.booking.tenantId, input.booking.id);
  const amount = refundableCents(payment, { whole: input.reason === 'late_payment' });
  if (!payment || amount <= 0) return undefined;
  const refundId = await insertRefund(tx, {
    tenantId: input.booking.tenantId,
    bookingId: input.booking.id,
    paymentId: payment.id,
    amountCents: amount,
    currency: payment.currency,
    reason: input.reason,
    now: input.now,
  });
  // The safety net: if the immediate attempt after commit fails, the outbox retries it.
  await enqueueJob(
    tx,
    refundJob,
    { refundId },
    { tenantId: input.booking.tenantId, runAt: new Date(input.now.getTime() + REFUND_RETRY_DELAY_MS) },
  );
  return { refundId, amount, currency: payment.currency };
}
