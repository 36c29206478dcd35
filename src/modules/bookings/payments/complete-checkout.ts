import type Stripe from 'stripe';
import type { Tx } from '../../../db/client.ts';
import { uniqueViolation } from '../../../db/errors.ts';
import { writeMessages } from '../booking-messages.repo.ts';
import { loadNotifyContext } from '../booking-notify-context.ts';
import { acceptBooking, type BookingRow, lockCheckoutBookings } from '../bookings.repo.ts';
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

/**
 * A paid checkout session: the payment row (on the booking holding the checkout), and the
 * booking, or every occurrence of a series paid at once, confirmed; when a seat is no longer
 * there for all of them (paid after the hold ended), the whole payment is refunded.
 */
export async function completeCheckout(
  deps: CompleteCheckoutDeps,
  event: Stripe.Event,
  session: Stripe.Checkout.Session,
): Promise<string> {
  const now = deps.now();
  const outcome = await deps.db.transaction(async (tx) => {
    const group = await lockCheckoutBookings(tx, session.id);
    const booking = group.find((b) => b.stripeCheckoutSessionId === session.id);
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

    if (!(await confirmAll(tx, group, now))) {
      const refund = await requestRefund(tx, { booking, reason: 'late_payment', now });
      return {
        result: 'refunding a late payment',
        tenantId: booking.tenantId,
        refundId: refund?.refundId,
      } as const;
    }
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
    ]);
    for (const each of group) {
      const accepted = { ...each, status: 'accepted', paid: true };
      await writeMessages(
        tx,
        each.tenantId,
        each.id,
        bookingConfirmedMessages(ctx, accepted, {
          stripePaymentId: paid.stripePaymentId,
          emails: each.id === booking.id,
        }),
      );
    }
    return { result: 'confirmed', tenantId: booking.tenantId } as const;
  });
  if ('tenantId' in outcome && outcome.tenantId !== undefined) {
    await announceSeatChanges(deps, [outcome.tenantId], true);
  }
  if ('refundId' in outcome && outcome.refundId !== undefined) await processRefundNow(deps, outcome.refundId);
  return outcome.result;
}

/**
 * Confirms every booking the payment is for, or none: a held one is accepted; one whose hold
 * ended keeps its booking only if its seat is still free (never oversold). In a savepoint, so a
 * refusal leaves the transaction usable for the refund.
 */
async function confirmAll(tx: Tx, group: BookingRow[], now: Date): Promise<boolean> {
  if (group.every((b) => b.status === 'pending')) {
    for (const b of group) await acceptBooking(tx, b.tenantId, b.id, { paid: true, now });
    return true;
  }
  if (!group.every((b) => ['pending', 'expired', 'failed'].includes(b.status))) return false;
  try {
    return await tx.transaction(async (sp) => {
      for (const b of group) {
        if (b.status === 'pending') await acceptBooking(sp, b.tenantId, b.id, { paid: true, now });
        else if (b.sessionId === null || !(await reacceptLateBooking(sp, b.tenantId, b, now))) {
          throw new LateSeatGone();
        }
      }
      return true;
    });
  } catch (error) {
    // The same student booked the session again meanwhile: this payment is the extra one.
    if (error instanceof LateSeatGone || uniqueViolation(error) !== undefined) return false;
    throw error;
  }
}

class LateSeatGone extends Error {}
