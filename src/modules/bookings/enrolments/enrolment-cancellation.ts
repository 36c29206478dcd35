import type { BookingRow } from '../bookings.repo.ts';
import { type BookingPolicy, cancellationTerms } from '../policy.ts';

/** One session a cancellation of its enrolment cancels, and whether it is refunded. */
export interface PlannedCancellation {
  booking: BookingRow;
  refundDue: boolean;
  withinWindow: boolean;
}

export interface EnrolmentCancellationPlan {
  cancel: PlannedCancellation[];
  /** Confirmed sessions not started yet that stay booked: inside the cancellation notice. */
  kept: BookingRow[];
}

/**
 * Which sessions cancelling an enrolment cancels. Sessions that have started stay as they are.
 * The student (the policy, per session, as if each were cancelled on its own): an unpaid hold is
 * always let go; a confirmed session is cancelled until its cancellation deadline (sooner ones
 * stay booked), refunded its share when inside its refund window. Staff: every session not
 * started yet, always refunded (as staff cancelling one booking).
 */
export function planEnrolmentCancellation(
  bookings: BookingRow[],
  policy: BookingPolicy,
  now: Date,
  by: 'student' | 'staff',
): EnrolmentCancellationPlan {
  const plan: EnrolmentCancellationPlan = { cancel: [], kept: [] };
  for (const booking of bookings) {
    if (booking.status === 'pending') {
      plan.cancel.push({ booking, refundDue: false, withinWindow: false });
      continue;
    }
    if (booking.status !== 'accepted' || booking.startTime <= now) continue;
    const terms = cancellationTerms(now, booking.startTime, policy);
    if (by === 'staff') {
      plan.cancel.push({ booking, refundDue: true, withinWindow: terms.withinRefundWindow });
    } else if (terms.allowed) {
      plan.cancel.push({
        booking,
        refundDue: terms.withinRefundWindow,
        withinWindow: terms.withinRefundWindow,
      });
    } else {
      plan.kept.push(booking);
    }
  }
  return plan;
}

/** What the plan would refund: the paid sessions' shares it refunds. */
export function plannedRefundCents(plan: EnrolmentCancellationPlan): number {
  return plan.cancel.reduce((sum, c) => sum + (c.refundDue && c.booking.paid ? c.booking.amountCents : 0), 0);
}
