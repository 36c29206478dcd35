import { AppError } from '../../lib/errors.ts';
import type { Plan } from '../tenants/plans.ts';
import type { BookingTenant } from './booking-tenant.ts';
import { endBooking, setCheckout } from './bookings.repo.ts';
import type { BookingsDeps } from './bookings-deps.ts';
import type { CreateCheckoutInput } from './payments/create-checkout.ts';
import { announceSeatChanges } from './seat-changes.ts';

/** How long a paid booking holds its seat while the student is at Stripe Checkout. */
export const HOLD_MS = 30 * 60_000;
// Stripe refuses a checkout that expires less than 30 minutes after it receives the request;
// the margin absorbs the request's travel time and clock skew.
const CHECKOUT_MARGIN_MS = 60_000;

/** Until when a paid booking made now holds its seat (and its Stripe checkout stays open). */
export function holdExpiry(now: Date): Date {
  return new Date(now.getTime() + HOLD_MS + CHECKOUT_MARGIN_MS);
}

export type PaidBookingCheckoutDeps = Pick<
  BookingsDeps,
  'db' | 'bus' | 'logger' | 'now' | 'wakeOutbox' | 'payments'
>;

/**
 * Opens the Stripe checkout for a held seat and records it on the booking. When Stripe cannot
 * be reached the hold is ended at once (its seat given back) and the booking answers PAYMENT_FAILED.
 */
export async function startPaidCheckout(
  deps: PaidBookingCheckoutDeps,
  input: {
    tenant: BookingTenant;
    plan: Plan;
    booking: CreateCheckoutInput['booking'] & { id: number };
    /** Every booking the checkout pays for (a series' occurrences): ended together if it fails. */
    heldIds?: number[];
    expiresAt: Date;
    manageUrl: string;
  },
): Promise<{ id: string; url: string }> {
  const { tenant, booking } = input;
  let checkout: { id: string; url: string };
  try {
    checkout = await deps.payments.createCheckout(bookingCheckoutInput(input));
  } catch (error) {
    deps.logger.warn({ err: error, bookingUid: booking.uid }, 'Stripe checkout could not be created');
    const now = deps.now();
    for (const id of input.heldIds ?? [booking.id]) {
      await endBooking(deps.db, tenant.id, id, { status: 'failed', now });
    }
    await announceSeatChanges(deps, [tenant.id], false);
    throw checkoutFailed(error);
  }
  await setCheckout(deps.db, tenant.id, booking.id, checkout);
  return checkout;
}

/**
 * What Stripe Checkout is asked for a held booking: its price, the platform's fee by the plan,
 * open until `expiresAt`, and back to the booking's manage page whether paid or not.
 */
export function bookingCheckoutInput(input: {
  tenant: BookingTenant;
  plan: Plan;
  booking: CreateCheckoutInput['booking'];
  expiresAt: Date;
  manageUrl: string;
}): CreateCheckoutInput {
  const { booking } = input;
  return {
    tenant: input.tenant,
    booking: {
      uid: booking.uid,
      title: booking.title,
      amountCents: booking.amountCents,
      currency: booking.currency,
      attendeeEmail: booking.attendeeEmail,
      language: booking.language,
    },
    expiresAt: input.expiresAt,
    feeCents: Math.round((booking.amountCents * input.plan.platformFeeBps) / 10_000),
    successUrl: `${input.manageUrl}&checkout=success`,
    cancelUrl: `${input.manageUrl}&checkout=cancelled`,
  };
}

/** The refusal when Stripe could not open the checkout. */
export function checkoutFailed(cause: unknown): AppError {
  return new AppError('PAYMENT_FAILED', 'The payment could not be started; please try again', { cause });
}
