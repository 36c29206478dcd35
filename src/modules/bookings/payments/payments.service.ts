import { applyStripeWebhook } from './apply-stripe-event.ts';
import { type CreateCheckoutInput, createCheckout } from './create-checkout.ts';
import { expireCheckoutHandler } from './expire-checkout.ts';
import type { ExpireCheckoutJobPayload, RefundJobPayload } from './payment-jobs.ts';
import type { PaymentsContext, PaymentsDeps } from './payments-deps.ts';
import { processRefund, processRefundNow, refundHandler } from './process-refund.ts';
import { requestRefund } from './request-refund.ts';
import { verifyAccount } from './verify-account.ts';

export { EXPIRE_CHECKOUT_KIND, REFUND_KIND } from './payment-jobs.ts';
export type { PaymentsDeps, RefundAttempt } from './payments-deps.ts';

/**
 * Stripe Connect payments on each tenant's connected account: checkout sessions for held seats,
 * the signed webhook that confirms or releases them (exactly once per checkout session, however
 * often Stripe delivers), and refunds, which are idempotent at Stripe and in our tables.
 */
export function createPaymentsService(deps: PaymentsDeps) {
  const ctx: PaymentsContext = { ...deps, log: deps.logger.child({ component: 'payments' }) };
  return {
    /** Whether this server can take payments at all (a Stripe key or the emulator). */
    get available() {
      return deps.gateway !== undefined;
    },
    get testMode() {
      return deps.gateway?.testMode ?? false;
    },
    verifyAccount: (accountId: string) => verifyAccount(ctx, accountId),
    createCheckout: (input: CreateCheckoutInput) => createCheckout(ctx, input),
    handleWebhook: (rawBody: Buffer, signature: string | undefined) =>
      applyStripeWebhook(ctx, rawBody, signature),
    requestRefund,
    processRefund: (refundId: number) => processRefund(ctx, refundId),
    processRefundNow: (refundId: number) => processRefundNow(ctx, refundId),
    refundHandler: (payload: RefundJobPayload) => refundHandler(ctx, payload),
    expireCheckoutHandler: (payload: ExpireCheckoutJobPayload, outbox: { tenantId: number | null }) =>
      expireCheckoutHandler(ctx, payload, outbox),
  };
}

export type PaymentsService = ReturnType<typeof createPaymentsService>;
