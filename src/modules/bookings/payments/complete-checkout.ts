import type Stripe from 'stripe';
import type { Tx } from '../../../db/client.ts';
import { uniqueViolation } from '../../../db/errors.ts';
import { writeMessages } from '../booking-messages.repo.ts';
import { loadNotifyContext } from '../booking-notify-context.ts';
import { acceptBooking, type BookingRow, lockBookingByCheckout } from '../bookings.repo.ts';
import { paymentCompletedEvent, WEBHOOK_KIND } from '../events.ts';
import { bookingConfirmedMessages } from '../notifications.ts';
import { announceSeatChanges } from '../seat-changes.ts';
import { reacceptLateBooking } from '../seats.repo.ts';
import { checkoutPayment } from './checkout-payment.ts';
import { insertPayment } from './payments.repo.ts';
import type { PaymentsContext } from './payments-deps.ts';
import { processRefundNow } from './process-refund.ts';
import { requestRefund } from './request-refund.ts';

export type CompleteCheckoutDeps = Pick<
  PaymentsContext,
  'db' | 'env' | 'gateway' | 'bus' | 'log' | 'now' | 'wakeOutbox'
>;

/** A paid checkout session: the payment row, and the booking confirmed or (no seat left) refunded. */
export async function completeCheckout(
  deps: CompleteCheckoutDeps,
  event: Stripe.Event,
  session: Stripe.Checkout.Session,
): Promise<string> {
  const now = deps.now();
  const outcome = await deps.db.transaction(async (tx) => {
    const booking = await lockBookingByCheckout(tx, session.id);
    if (!booking) return { result: 'ignored: no booking has this checkout session' } as const;
    const paid = checkoutPayment(session, booking);
    const paymentId = await insertPayment(tx, {
      tenantId: booking.tenantId,
      bookingId: booking.id,
      amountCents: paid.amount,
      feeCents: paid.fee,
      currency: paid.currency,
      stripeCheckoutSessionId: session.id,
      stripePaymentId: paid.stripePaymentId,
      stripeCustomerId: paid.stripeCustomerId,
      stripeAccountId: event.account ?? null,
      now,
    });
    if (paymentId === undefined) return { result: 'duplicate' } as const;
    const ctx = await loadNotifyContext(deps, tx, booking.tenantId, booking.workshopId);

    let confirmed = booking.status === 'pending';
    if (confirmed) {
      await acceptBooking(tx, booking.tenantId, booking.id, { paid: true, now });
    } else if (booking.status === 'expired' || booking.status === 'failed') {
      // Paid after the hold ended: keep the booking if a seat is still free, never oversell.
      confirmed = await reacceptLate(tx, booking, now);
    }
    if (!confirmed) {
      const refund = await requestRefund(tx, { booking, reason: 'late_payment', now });
      return {
        result: 'refunding a late payment',
        tenantId: booking.tenantId,
        refundId: refund?.refundId,
      } as const;
    }
    const accepted = { ...booking, status: 'accepted', paid: true };
    await writeMessages(tx, booking.tenantId, booking.id, [
      {
        kind: WEBHOOK_KIND,
        payload: paymentCompletedEvent({
          now,
          tenant: ctx.tenant,
          payment: { id: paymentId, ...paid },
          booking,
          workshop: {
            id: booking.workshopId,
            title: ctx.workshop.title,
            immersioCourseId: ctx.workshop.immersioCourseId,
          },
        }),
      },
      ...bookingConfirmedMessages(ctx, accepted, { stripePaymentId: paid.stripePaymentId }),
    ]);
    return { result: 'confirmed', tenantId: booking.tenantId } as const;
  });
  if ('tenantId' in outcome && outcome.tenantId !== undefined) {
    await announceSeatChanges(deps, [outcome.tenantId], true);
  }
  if ('refundId' in outcome && outcome.refundId !== undefined) await processRefundNow(deps, outcome.refundId);
  return outcome.result;
}

async function reacceptLate(tx: Tx, booking: BookingRow, now: Date): Promise<boolean> {
  if (booking.sessionId === null) return false;
  try {
    // A savepoint, so a refused update leaves the transaction usable for the refund.
    return await tx.transaction((sp) => reacceptLateBooking(sp, booking.tenantId, booking, now));
  } catch (error) {
    // The same student booked the session again meanwhile: this payment is the extra one.
    if (uniqueViolation(error) !== undefined) return false;
    throw error;
  }
}
