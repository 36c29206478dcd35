import { completePassCheckout, endPassCheckout } from '../../passes/complete-pass-checkout.ts';
import { isPassCheckout } from '../../passes/pass-checkout.ts';
import { applyAccountUpdated } from './apply-account-updated.ts';
import { type CompleteCheckoutDeps, completeCheckout } from './complete-checkout.ts';
import { endCheckout } from './end-checkout.ts';
import { requireGateway } from './payments-deps.ts';
import { verifyStripeEvent } from './stripe-webhook-event.ts';

/**
 * POST /api/v1/webhooks/stripe: verified over the raw body, then applied once. Returns what it
 * did, for the log.
 */
export async function applyStripeWebhook(
  deps: CompleteCheckoutDeps,
  rawBody: Buffer,
  signature: string | undefined,
): Promise<string> {
  const { stripe, webhookSecret } = requireGateway(deps);
  // Real time, as the SDK's own check of old signatures uses.
  const event = verifyStripeEvent({ stripe, rawBody, signature, secret: webhookSecret, nowMs: Date.now() });
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded': {
      const session = event.data.object;
      // Delayed payment methods complete unpaid first; async_payment_succeeded follows.
      if (session.payment_status !== 'paid' && session.payment_status !== 'no_payment_required') {
        return 'waiting for the payment';
      }
      // A class pass's checkout (its metadata names the pass): the passes domain activates it.
      if (isPassCheckout(session)) return completePassCheckout(deps, event, session);
      return completeCheckout(deps, event, session);
    }
    case 'checkout.session.expired':
    case 'checkout.session.async_payment_failed': {
      const session = event.data.object;
      if (isPassCheckout(session)) return endPassCheckout(deps, session);
      return endCheckout(deps, session, event.type === 'checkout.session.expired' ? 'expired' : 'failed');
    }
    case 'account.updated':
      return applyAccountUpdated(deps, event);
    default:
      return `ignored: ${event.type}`;
  }
}
