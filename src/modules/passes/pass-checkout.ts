import type Stripe from 'stripe';
import { checkoutLocale } from '../../lib/i18n/stripe-locale.ts';

/** How long a bought pass's checkout stays open (Stripe refuses less than 30 minutes). */
export const PASS_CHECKOUT_MS = 31 * 60_000;

/**
 * A Stripe Checkout session on the school's connected account for one pass, with the platform's
 * fee. `metadata.passUid` is what the webhook tells a pass's checkout from a booking's by; the
 * idempotency key is the pass's, so a retried request opens no second checkout.
 */
export async function createPassCheckout(
  stripe: Stripe,
  input: {
    uid: string;
    tenantId: number;
    stripeAccountId: string;
    title: string;
    amountCents: number;
    currency: string;
    buyerEmail: string;
    feeCents: number;
    expiresAt: Date;
    manageUrl: string;
    /** The language the pass is bought in (issue 18): Checkout's own text is shown in it. */
    language?: string | undefined;
  },
): Promise<{ id: string; url: string }> {
  const session = await stripe.checkout.sessions.create(
    {
      mode: 'payment',
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: input.currency.toLowerCase(),
            unit_amount: input.amountCents,
            product_data: { name: input.title },
          },
        },
      ],
      customer_email: input.buyerEmail,
      client_reference_id: input.uid,
      locale: checkoutLocale(input.language),
      expires_at: Math.floor(input.expiresAt.getTime() / 1000),
      success_url: `${input.manageUrl}&checkout=success`,
      cancel_url: `${input.manageUrl}&checkout=cancelled`,
      metadata: {
        passUid: input.uid,
        tenantId: String(input.tenantId),
        platformFeeCents: String(input.feeCents),
      },
      payment_intent_data: {
        metadata: { passUid: input.uid },
        ...(input.feeCents > 0 && { application_fee_amount: input.feeCents }),
      },
    },
    { idempotencyKey: `pass-checkout-${input.uid}`, stripeAccount: input.stripeAccountId },
  );
  if (!session.url) throw new Error('Stripe returned a checkout session without a URL');
  return { id: session.id, url: session.url };
}

/** Whether a checkout session was opened for a pass (not a booking). */
export function isPassCheckout(session: { metadata?: Record<string, string> | null }): boolean {
  return typeof session.metadata?.passUid === 'string' && session.metadata.passUid !== '';
}
