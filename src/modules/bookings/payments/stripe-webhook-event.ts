import type Stripe from 'stripe';
import { z } from 'zod';
import { AppError, validationError } from '../../../lib/errors.ts';

/** Stripe's own default: how far a signature's `t=` may be from now, either way. */
export const STRIPE_TOLERANCE_S = 300;

const INT4_MAX = 2_147_483_647;
const stripeId = z.string().min(1).max(255);
const expandable = z.union([stripeId, z.object({ id: stripeId }).loose()]).nullish();

/**
 * The part of a Checkout Session this service reads. A validly signed event can still be
 * malformed (a test tool, an API version we do not expect): it is refused with 400 rather than
 * failing half-way with a 500 that Stripe would retry for days.
 */
const checkoutSession = z
  .object({
    id: stripeId,
    object: z.literal('checkout.session').optional(),
    payment_status: z.string().max(50).nullish(),
    amount_total: z.number().int().min(0).max(INT4_MAX).nullish(),
    currency: z.string().min(3).max(10).nullish(),
    metadata: z.record(z.string().max(500), z.string().max(500)).nullish(),
    payment_intent: expandable,
    customer: expandable,
  })
  .loose();

const CHECKOUT_EVENTS = new Set([
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'checkout.session.expired',
  'checkout.session.async_payment_failed',
]);

/**
 * Verifies the signature over the raw body (the SDK refuses a `t=` older than the tolerance) and
 * refuses one further in the future than that too, which the SDK lets through: a signature made
 * ahead of time would otherwise stay replayable for as long as its author chose.
 */
export function verifyStripeEvent(input: {
  stripe: Stripe;
  rawBody: Buffer;
  signature: string | undefined;
  secret: string;
  nowMs: number;
}): Stripe.Event {
  let event: Stripe.Event;
  try {
    event = input.stripe.webhooks.constructEvent(input.rawBody, input.signature ?? '', input.secret);
  } catch (error) {
    throw new AppError('INVALID_WEBHOOK_SIGNATURE', 'Invalid Stripe-Signature', { cause: error });
  }
  // The signature covers any JSON; only an object with a type is an event.
  if (typeof event !== 'object' || event === null || typeof (event as { type?: unknown }).type !== 'string') {
    throw new AppError('VALIDATION_ERROR', 'The body is not a Stripe event');
  }
  const signedAt = Number(/(?:^|,)\s*t=(\d+)/.exec(input.signature ?? '')?.[1]);
  if (!Number.isFinite(signedAt) || signedAt > Math.floor(input.nowMs / 1000) + STRIPE_TOLERANCE_S) {
    throw new AppError('INVALID_WEBHOOK_SIGNATURE', 'Stripe-Signature timestamp is in the future');
  }
  if (CHECKOUT_EVENTS.has(event.type)) {
    const parsed = checkoutSession.safeParse((event as { data?: { object?: unknown } }).data?.object);
    if (!parsed.success) {
      throw validationError(parsed.error.issues.map((i) => ({ ...i, path: ['data', 'object', ...i.path] })));
    }
    const account = (event as { account?: unknown }).account;
    if (account !== undefined && account !== null && !stripeId.safeParse(account).success) {
      throw new AppError('VALIDATION_ERROR', 'account: not a Stripe account id');
    }
  }
  return event;
}
