import type Stripe from 'stripe';
import type { BookingRow } from '../bookings.repo.ts';

/** What a paid checkout session says was paid, with the booking's price where Stripe says nothing. */
export function checkoutPayment(session: Stripe.Checkout.Session, booking: BookingRow) {
  return {
    amount: session.amount_total ?? booking.amountCents,
    fee: Number(session.metadata?.platformFeeCents ?? 0) || 0,
    currency: (session.currency ?? booking.currency).toUpperCase(),
    stripePaymentId: idOf(session.payment_intent),
    stripeCustomerId: idOf(session.customer),
  };
}

function idOf(value: string | { id: string } | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : value.id;
}
