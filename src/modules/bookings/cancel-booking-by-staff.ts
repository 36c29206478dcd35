import { AppError } from '../../lib/errors.ts';
import { findTenant } from '../tenants/tenant-lookup.ts';
import { findWorkshopById } from './bookable-workshops.repo.ts';
import { lockBooking } from './bookings.repo.ts';
import type { BookingsDeps } from './bookings-deps.ts';
import { cancelInTx, settleRefund } from './cancel-in-tx.ts';
import { cancellationTerms } from './policy.ts';
import { announceSeatChanges } from './seat-changes.ts';
import { type Actor, staffRoleOn } from './staff-access.ts';

export type CancelBookingByStaffDeps = Pick<
  BookingsDeps,
  'db' | 'env' | 'now' | 'bus' | 'wakeOutbox' | 'payments'
>;

/** Staff cancel one booking: always with a full refund of what was paid. */
export async function cancelBookingByStaff(
  deps: CancelBookingByStaffDeps,
  actor: Actor & { bookingId: number; reason?: string | undefined },
) {
  const now = deps.now();
  const outcome = await deps.db.transaction(async (tx) => {
    const booking = await lockBooking(tx, actor.tenantId, actor.bookingId);
    if (!booking) throw new AppError('BOOKING_NOT_FOUND');
    const workshop = (await findWorkshopById(tx, actor.tenantId, booking.workshopId))!;
    const by = staffRoleOn(actor, workshop.teacherId);
    if (booking.status !== 'pending' && booking.status !== 'accepted') {
      throw new AppError('CONFLICT', `This booking is already ${booking.status}`);
    }
    const tenant = (await findTenant(tx, { id: actor.tenantId }))!;
    const terms = cancellationTerms(now, booking.startTime, workshop, booking.freeCancelUntil);
    const result = await cancelInTx(deps, tx, {
      booking,
      tenant,
      workshop,
      by,
      reason: actor.reason?.trim() || null,
      refundDue: true,
      withinWindow: terms.withinRefundWindow,
      refundReason: 'staff_cancelled',
      now,
    });
    return { booking, result };
  });
  await announceSeatChanges(deps, [actor.tenantId], true);
  return {
    success: true,
    booking: {
      id: outcome.booking.id,
      uid: outcome.booking.uid,
      status: 'cancelled' as const,
      cancelledAt: now,
    },
    refund: await settleRefund(deps, outcome.result),
  };
}
