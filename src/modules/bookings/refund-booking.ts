import { AppError } from '../../lib/errors.ts';
import { findWorkshopById } from './bookable-workshops.repo.ts';
import { lockBooking } from './bookings.repo.ts';
import type { BookingsDeps } from './bookings-deps.ts';
import { requestRefund } from './payments/request-refund.ts';
import { cancellationTerms, hours } from './policy.ts';
import type { Actor } from './staff-access.ts';

export type RefundBookingDeps = Pick<BookingsDeps, 'db' | 'now' | 'payments'>;

/** An admin refunds an accepted or cancelled booking; outside the policy only with `force`. */
export async function refundBooking(
  deps: RefundBookingDeps,
  actor: Actor & { bookingId: number; force?: boolean | undefined },
) {
  const now = deps.now();
  const outcome = await deps.db.transaction(async (tx) => {
    const booking = await lockBooking(tx, actor.tenantId, actor.bookingId);
    if (!booking) throw new AppError('BOOKING_NOT_FOUND');
    if (booking.status !== 'accepted' && booking.status !== 'cancelled') {
      throw new AppError('REFUND_NOT_ELIGIBLE', `A ${booking.status} booking has no payment to refund`);
    }
    if (!booking.paid) throw new AppError('REFUND_NOT_ELIGIBLE', 'Nothing was paid for this booking');
    // Paid with nothing: a class pass's credit paid for it (issue 16).
    if (booking.amountCents === 0) {
      throw new AppError(
        'REFUND_NOT_ELIGIBLE',
        "A class pass paid for this booking: cancel it to give the class back, or adjust the pass's credits",
      );
    }
    const workshop = (await findWorkshopById(tx, actor.tenantId, booking.workshopId))!;
    const at = booking.status === 'cancelled' ? (booking.cancelledAt ?? now) : now;
    const terms = cancellationTerms(at, booking.startTime, workshop, booking.freeCancelUntil);
    if (!terms.withinRefundWindow && !actor.force) {
      throw new AppError(
        'REFUND_NOT_ELIGIBLE',
        `Outside the refund window: refunds are due until ${hours(workshop.refundWindowHours)} before the start (${terms.refundDeadline.toISOString()}); pass force: true to refund anyway`,
      );
    }
    const requested = await requestRefund(tx, { booking, reason: 'admin', now });
    if (!requested) throw new AppError('REFUND_NOT_ELIGIBLE', 'This booking has already been refunded');
    return requested;
  });
  const { status } = await deps.payments.processRefundNow(outcome.refundId);
  return {
    success: status !== 'failed',
    refund: {
      id: outcome.refundId,
      status,
      amount: outcome.amount,
      currency: outcome.currency,
    },
  };
}
