import type { Executor } from '../../db/client.ts';
import { liveBookingsOfSession } from './bookings.repo.ts';
import { findPayment } from './payments/payments.repo.ts';
import { cancellationRefundsPayment, refundableCents } from './refund-rule.ts';
import { sessionCancellationBy } from './staff-access.ts';
import type { StaffViewer } from './staff-booking-filters.ts';
import { findStaffSession } from './staff-bookings.repo.ts';

/**
 * What cancelling a session would do, computed by the rules `cancelSession` applies (same checks,
 * same bookings, same refund rule) but without locking or changing anything.
 */
export async function previewSessionCancellation(
  deps: { db: Executor },
  viewer: StaffViewer,
  input: { sessionId: number },
) {
  const session = await findStaffSession(deps.db, viewer.tenantId, input.sessionId);
  sessionCancellationBy({ actorId: viewer.userId, role: viewer.role }, session);
  const live = await liveBookingsOfSession(deps.db, viewer.tenantId, input.sessionId, { lock: false });
  // A session has at most 100 seats: one indexed lookup per paid booking.
  const bookings = await Promise.all(
    live.map(async (booking) => {
      // Staff cancellations are always due a refund, whatever the policy's window.
      const payment = cancellationRefundsPayment(booking, true)
        ? await findPayment(deps.db, viewer.tenantId, booking.id)
        : undefined;
      const amount = refundableCents(payment);
      return {
        id: booking.id,
        uid: booking.uid,
        status: booking.status as 'pending' | 'accepted',
        paid: booking.paid,
        attendee: { name: booking.attendeeName, email: booking.attendeeEmail },
        refund: payment && amount > 0 ? { amount, currency: payment.currency } : null,
      };
    }),
  );
  const totals = new Map<string, number>();
  for (const { refund } of bookings) {
    if (refund) totals.set(refund.currency, (totals.get(refund.currency) ?? 0) + refund.amount);
  }
  return {
    bookings,
    cancelledBookings: bookings.length,
    refundsIssued: bookings.filter((b) => b.refund !== null).length,
    totals: [...totals].map(([currency, amount]) => ({ currency, amount })),
  };
}
