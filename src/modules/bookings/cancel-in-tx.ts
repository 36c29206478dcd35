import type { Executor } from '../../db/client.ts';
import { enqueueJob } from '../outbox/enqueue.ts';
import { returnPassCredit } from '../passes/pass-credits.ts';
import type { BookableWorkshop } from './bookable-workshops.repo.ts';
import { writeMessages } from './booking-messages.repo.ts';
import { notifyContext } from './booking-notify-context.ts';
import type { BookingTenant } from './booking-tenant.ts';
import { type BookingRow, endBooking } from './bookings.repo.ts';
import type { RefundOutcome } from './events.ts';
import { bookingCancelledMessages, type NotifyContext } from './notifications.ts';
import { expireCheckoutJob } from './payments/payment-jobs.ts';
import type { PaymentsService } from './payments/payments.service.ts';
import type { RefundReason } from './payments/refunds.repo.ts';
import { requestRefund } from './payments/request-refund.ts';
import { cancellationRefundsPayment } from './refund-rule.ts';
import { seatsLeft } from './seats.repo.ts';

export interface Cancellation {
  booking: BookingRow;
  tenant: BookingTenant;
  workshop: BookableWorkshop;
  by: 'student' | 'teacher' | 'admin';
  reason: string | null;
  refundDue: boolean;
  withinWindow: boolean;
  refundReason: RefundReason;
  now: Date;
  /** False: BOOKING_CANCELLED only, no e-mails (a cancelled enrolment sends one for all its sessions). */
  emails?: boolean;
}

/** What a cancellation decided; `refundId` when it requested a refund, run after the commit. */
export interface CancelOutcome {
  refund: RefundOutcome;
  refundId?: number;
}

/**
 * Cancels one live booking inside `tx`: the seat goes back at once, a paid booking gets a
 * refund request (whose completion sends BOOKING_CANCELLED and the e-mails), an unpaid one
 * sends them now. A booking a class pass paid for gets its credit back when a refund is due
 * (`eligible` then, with nothing to pay back: amount 0, `not_applicable`).
 */
export async function cancelInTx(
  deps: { env: NotifyContext['env'] },
  tx: Executor,
  input: Cancellation,
): Promise<CancelOutcome> {
  const { booking, now } = input;
  await endBooking(tx, booking.tenantId, booking.id, {
    status: 'cancelled',
    now,
    cancelledBy: input.by,
    reason: input.reason,
  });
  if (booking.status === 'pending' && booking.stripeCheckoutSessionId) {
    await enqueueJob(tx, expireCheckoutJob, { bookingId: booking.id }, { tenantId: booking.tenantId });
  }
  const requested = cancellationRefundsPayment(booking, input.refundDue)
    ? await requestRefund(tx, { booking, reason: input.refundReason, now })
    : undefined;
  if (requested) {
    return {
      refundId: requested.refundId,
      refund: {
        eligible: true,
        withinWindow: input.withinWindow,
        status: 'pending',
        amount: requested.amount,
        currency: requested.currency,
        stripeRefundId: null,
      },
    };
  }
  const creditBack =
    cancellationRefundsPayment(booking, input.refundDue) &&
    (await returnPassCredit(tx, { tenantId: booking.tenantId, bookingId: booking.id, now }));
  const refund: RefundOutcome = {
    eligible: creditBack,
    withinWindow: input.withinWindow,
    status: 'not_applicable',
    amount: 0,
    currency: booking.currency,
    stripeRefundId: null,
  };
  await writeCancelledMessages(deps, tx, input, refund);
  return { refund };
}

/** BOOKING_CANCELLED and the e-mails of a cancellation with no refund to wait for. */
async function writeCancelledMessages(
  deps: { env: NotifyContext['env'] },
  tx: Executor,
  input: Cancellation,
  refund: RefundOutcome,
) {
  const { booking, now } = input;
  const left =
    booking.sessionId === null ? undefined : await seatsLeft(tx, booking.tenantId, booking.sessionId);
  await writeMessages(
    tx,
    booking.tenantId,
    booking.id,
    bookingCancelledMessages(
      notifyContext(deps.env, input.tenant, input.workshop, now),
      { ...booking, cancelledAt: now },
      {
        by: input.by,
        reason: input.reason,
        refund,
        ...(left !== undefined && { seatsLeft: left }),
        ...(input.emails === false && { emails: false }),
      },
    ),
  );
}

/** Runs the refund a committed cancellation requested and reports the latest state. */
export async function settleRefund(
  deps: { payments: Pick<PaymentsService, 'processRefundNow'> },
  outcome: CancelOutcome,
): Promise<RefundOutcome> {
  if (outcome.refundId === undefined) return outcome.refund;
  const { status, stripeRefundId } = await deps.payments.processRefundNow(outcome.refundId);
  return { ...outcome.refund, status: status === 'succeeded' ? 'completed' : status, stripeRefundId };
}
