import type Stripe from 'stripe';
import { finishRefund } from './finish-refund.ts';
import type { RefundJobPayload } from './payment-jobs.ts';
import { type PaymentsContext, type RefundAttempt, requireGateway } from './payments-deps.ts';
import { countRefundAttempt, findRefund } from './refunds.repo.ts';
import { isPermanentStripeError } from './stripe-gateway.ts';

export type ProcessRefundDeps = Pick<
  PaymentsContext,
  'db' | 'env' | 'gateway' | 'log' | 'now' | 'wakeOutbox'
>;

/**
 * Sends the refund to Stripe (idempotency key per refund, so a retry or a concurrent attempt
 * returns the same Stripe refund) and records the outcome once, with what it tells people.
 * Throws on a transient failure so the outbox retries.
 */
export async function processRefund(deps: ProcessRefundDeps, refundId: number): Promise<RefundAttempt> {
  const job = await findRefund(deps.db, refundId);
  if (!job) return { status: 'failed', stripeRefundId: null };
  if (job.status !== 'pending') return { status: job.status, stripeRefundId: job.stripeRefundId };
  let stripeRefund: Stripe.Refund;
  try {
    if (!job.stripePaymentId) throw new Error('the payment has no Stripe payment intent to refund');
    stripeRefund = await requireGateway(deps).stripe.refunds.create(
      {
        payment_intent: job.stripePaymentId,
        amount: job.amountCents,
        reason: 'requested_by_customer',
        metadata: { bookingUid: job.bookingUid, refundId: String(job.id), reason: job.reason },
      },
      {
        idempotencyKey: `refund-${job.id}`,
        ...(job.stripeAccountId && { stripeAccount: job.stripeAccountId }),
      },
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!isPermanentStripeError(error) && job.stripePaymentId) {
      await countRefundAttempt(deps.db, job.tenantId, job.id, message);
      throw error;
    }
    deps.log.error({ refundId, err: error }, 'refund refused by Stripe');
    await finishRefund(deps, job, { ok: false, message });
    return { status: 'failed', stripeRefundId: null };
  }
  await finishRefund(deps, job, { ok: true, stripeRefundId: stripeRefund.id });
  return { status: 'succeeded', stripeRefundId: stripeRefund.id };
}

/** After a commit that requested a refund: try it now; the outbox retries if this fails. */
export async function processRefundNow(deps: ProcessRefundDeps, refundId: number): Promise<RefundAttempt> {
  try {
    return await processRefund(deps, refundId);
  } catch (error) {
    deps.log.warn({ refundId, err: error }, 'refund failed for now; the outbox retries it');
    return { status: 'pending', stripeRefundId: null };
  }
}

/** The outbox handler for refunds (a payload without a refund id is dead before it gets here). */
export async function refundHandler(deps: ProcessRefundDeps, { refundId }: RefundJobPayload) {
  await processRefund(deps, refundId);
}
