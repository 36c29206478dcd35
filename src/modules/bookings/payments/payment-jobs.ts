import { z } from 'zod';
import type { DeliveryContext } from '../../outbox/job-definition.ts';
import { defineJob } from '../../outbox/job-definition.ts';

// The outbox jobs of payments. Their handlers are the payments service's (`registerJob(…, payments)`).

export const REFUND_KIND = 'refund';
export const EXPIRE_CHECKOUT_KIND = 'stripe.expire-checkout';

/** Sends a requested refund to Stripe: the retry of the attempt made right after the commit. */
export const refundJob = defineJob({
  kind: REFUND_KIND,
  payload: z.object({ refundId: z.number() }),
  handle: (payload, _ctx, payments: { refundHandler(payload: unknown): Promise<void> }) =>
    payments.refundHandler(payload),
});

/**
 * Closes the Stripe checkout of a hold that ended on our side. The handler reads the payload
 * itself: one without a booking id (or a tenant) is done with, as it always was, not dead.
 */
export const expireCheckoutJob = defineJob({
  kind: EXPIRE_CHECKOUT_KIND,
  payload: z.unknown(),
  handle: (
    payload,
    ctx,
    payments: { expireCheckoutHandler(payload: unknown, ctx: DeliveryContext): Promise<void> },
  ) => payments.expireCheckoutHandler(payload, ctx),
});
