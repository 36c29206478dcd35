import { checkoutLocale } from '../../../lib/i18n/stripe-locale.ts';
import type { BookingTenant } from '../booking-tenant.ts';
import { requireGateway } from './payments-deps.ts';
import type { StripeGateway } from './stripe-gateway.ts';

export interface CreateCheckoutInput {
  tenant: BookingTenant;
  booking: {
    uid: string;
    title: string;
    amountCents: number;
    currency: string;
    attendeeEmail: string;
    /** The language the student booked in (issue 18): Checkout's own text is shown in it. */
    language?: string | undefined;
  };
  expiresAt: Date;
  feeCents: number;
  successUrl: string;
  cancelUrl: string;
}

/**
 * A Stripe Checkout session on the tenant's connected account for one held booking, with the
 * platform's fee. The idempotency key is the booking's, so a retried request opens no second one.
 */
export async function createCheckout(
  deps: { gateway: StripeGateway | undefined },
  input: CreateCheckoutInput,
): Promise<{ id: string; url: string }> {
  const { stripe } = requireGateway(deps);
  const session = await stripe.checkout.sessions.create(
    {
      mode: 'payment',
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: input.booking.currency.toLowerCase(),
            unit_amount: input.booking.amountCents,
            product_data: { name: input.booking.title },
          },
        },
      ],
      customer_email: input.booking.attendeeEmail,
      client_reference_id: input.booking.uid,
      locale: checkoutLocale(input.booking.language),
      expires_at: Math.floor(input.expiresAt.getTime() / 1000),
      success_url: input.successUrl,
      cancel_url: input.cancelUrl,
      metadata: {
        bookingUid: input.booking.uid,
        tenantId: String(input.tenant.id),
        platformFeeCents: String(input.feeCents),
      },
      payment_intent_data: {
        metadata: { bookingUid: input.booking.uid },
        ...(input.feeCents > 0 && { application_fee_amount: input.feeCents }),
      },
    },
    { idempotencyKey: `checkout-${input.booking.uid}`, stripeAccount: input.tenant.stripeAccountId! },
  );
  if (!session.url) throw new Error('Stripe returned a checkout session without a URL');
  return { id: session.id, url: session.url };
}
