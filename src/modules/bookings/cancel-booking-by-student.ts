import { AppError } from '../../lib/errors.ts';
import { findTenant } from '../tenants/tenant-lookup.ts';
import { findWorkshopById } from './bookable-workshops.repo.ts';
import { lockBookingByUid } from './bookings.repo.ts';
import type { BookingsDeps } from './bookings-deps.ts';
import { cancelInTx, settleRefund } from './cancel-in-tx.ts';
import { cancellationTerms, hours } from './policy.ts';
import { announceSeatChanges } from './seat-changes.ts';
import { loadStudentBooking } from './student-booking.ts';

export type CancelBookingByStudentDeps = Pick<
  BookingsDeps,
  'db' | 'env' | 'now' | 'bus' | 'wakeOutbox' | 'payments'
>;

/** The student's cancellation through the manage link, within the workshop's policy. */
export async function cancelBookingByStudent(
  deps: CancelBookingByStudentDeps,
  input: { uid: string; token: string; reason?: string | undefined },
) {
  const found = await loadStudentBooking(deps, input.uid, input.token);
  const now = deps.now();
  const tenant = (await findTenant(deps.db, { id: found.tenantId }))!;
  const workshop = (await findWorkshopById(deps.db, found.tenantId, found.workshopId))!;
  const outcome = await deps.db.transaction(async (tx) => {
    const booking = (await lockBookingByUid(tx, found.tenantId, found.uid))!;
    if (booking.status === 'cancelled') return { already: booking, result: undefined };
    if (booking.status !== 'pending' && booking.status !== 'accepted') {
      throw new AppError(
        'CANCELLATION_CLOSED',
        `This booking is ${booking.status}; there is nothing to cancel`,
      );
    }
    const terms = cancellationTerms(now, booking.startTime, workshop, booking.freeCancelUntil);
    if (!terms.allowed) {
      throw new AppError(
        'CANCELLATION_CLOSED',
        `Bookings for "${workshop.title}" can be cancelled online until ${hours(workshop.cancellationNoticeHours)} before the start (${terms.deadline.toISOString()}); please contact ${tenant.name}`,
      );
    }
    const result = await cancelInTx(deps, tx, {
      booking,
      tenant,
      workshop,
      by: 'student',
      reason: input.reason?.trim() || null,
      refundDue: terms.withinRefundWindow,
      withinWindow: terms.withinRefundWindow,
      refundReason: 'student_cancelled',
      now,
    });
    return { already: undefined, booking, result };
  });
  if (outcome.result === undefined) {
    return {
      booking: {
        uid: outcome.already.uid,
        status: 'cancelled' as const,
        cancelledAt: outcome.already.cancelledAt!,
      },
      refund: null,
    };
  }
  await announceSeatChanges(deps, [found.tenantId], true);
  return {
    booking: { uid: found.uid, status: 'cancelled' as const, cancelledAt: now },
    refund: await settleRefund(deps, outcome.result),
  };
}
