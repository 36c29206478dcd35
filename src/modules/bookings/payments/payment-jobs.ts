import { z } from 'zod';
import type { DeliveryContext } from '../../outbox/job-definition.ts';
import { defineJob } from '../../outbox/job-definition.ts';

// The outbox jobs of payments. Their handlers are the payments service's (`registerJob(…, payments)`).

export const REFUND_KIND = 'refund';
export const EXPIRE_CHECKOUT_KIND = 'stripe.expire-checkout';

const refundJobSchema = z.object({ refundId: z.number() });
export type RefundJobPayload = z.output<typeof refundJobSchema>;

/** Sends a requested refund to Stripe: the retry of the attempt made right after the commit. */
export const refundJob = defineJob({
  kind: REFUND_KIND,
  payload: refundJobSchema,
  handle: (payload, _ctx, payments: { refundHandler(payload: RefundJobPayload): Promise<void> }) =>
    payments.refundHandler(payload),
});

// Also written by SQL (`holds.repo.ts`: jsonb_build_object('bookingId', id)) for lapsed holds.
const expireCheckoutJobSchema = z.object({ bookingId: z.number() });
export type ExpireCheckoutJobPayload = z.output<typeof expireCheckoutJobSchema>;

/** Closes the Stripe checkout of a hold that ended on our side. */
export const expireCheckoutJob = defineJob({
  kind: EXPIRE_CHECKOUT_KIND,
  payload: expireCheckoutJobSchema,
  handle: (
    payload,
    ctx,
    payments: {
      expireCheckoutHandler(payload: ExpireCheckoutJobPayload, ctx: DeliveryContext): Promise<void>;
    },
  ) => payments.expireCheckoutHandler(payload, ctx),
});
