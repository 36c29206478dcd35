/**
 * An enrolment's state, from its bookings (and its own cancellation): `pending` while its
 * checkout is open, `accepted` once paid (or at once when free), `cancelled` when the student or
 * staff cancelled it (or every session was cancelled), `expired` when its checkout lapsed unpaid.
 */
export type EnrolmentStatus = 'pending' | 'accepted' | 'cancelled' | 'expired';

export const ENROLMENT_STATUSES = ['pending', 'accepted', 'cancelled', 'expired'] as const;

export function enrolmentStatus(
  cancelledAt: Date | null,
  bookings: { status: string }[] | { pending: number; accepted: number; cancelled: number },
): EnrolmentStatus {
  if (cancelledAt !== null) return 'cancelled';
  const count = Array.isArray(bookings)
    ? {
        pending: bookings.filter((b) => b.status === 'pending').length,
        accepted: bookings.filter((b) => b.status === 'accepted').length,
        cancelled: bookings.filter((b) => b.status === 'cancelled').length,
      }
    : bookings;
  if (count.pending > 0) return 'pending';
  if (count.accepted > 0) return 'accepted';
  return count.cancelled > 0 ? 'cancelled' : 'expired';
}
