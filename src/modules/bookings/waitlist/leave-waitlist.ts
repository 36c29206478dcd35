import type { Executor } from '../../../db/client.ts';
import { AppError } from '../../../lib/errors.ts';
import { enqueueJob } from '../../outbox/enqueue.ts';
import { endBooking, lockBooking } from '../bookings.repo.ts';
import type { BookingsDeps } from '../bookings-deps.ts';
import { expireCheckoutJob } from '../payments/payment-jobs.ts';
import { announceSeatChanges } from '../seat-changes.ts';
import { type EntryRow, findEntry, lockEntry, markLeft } from './waitlist.repo.ts';
import { loadEntryForStudent, publicEntry } from './waitlist-entry-view.ts';

export type LeaveWaitlistDeps = Pick<BookingsDeps, 'db' | 'env' | 'now' | 'bus' | 'wakeOutbox'>;

/**
 * Takes a locked entry off the line. An offered one gives its held seat back in the same
 * transaction (the seat-freed trigger then offers it to the next in line); a checkout opened for
 * it is closed at Stripe by the outbox. False when there was nothing to take off.
 */
export async function takeOffLine(
  tx: Executor,
  entry: Pick<EntryRow, 'id' | 'tenantId' | 'status' | 'bookingId'>,
  by: { leftBy: 'student' | 'staff'; cancelledBy: 'student' | 'teacher' | 'admin' },
  now: Date,
): Promise<boolean> {
  if (entry.status !== 'waiting' && entry.status !== 'offered') return false;
  // First, so the booking trigger (offered → expired) leaves this entry alone.
  await markLeft(tx, entry.tenantId, entry.id, by.leftBy, now);
  if (entry.status === 'offered' && entry.bookingId !== null) {
    const booking = await lockBooking(tx, entry.tenantId, entry.bookingId);
    if (booking?.status === 'pending') {
      await endBooking(tx, entry.tenantId, booking.id, {
        status: 'cancelled',
        now,
        cancelledBy: by.cancelledBy,
        reason: 'The offered seat was declined',
      });
      if (booking.stripeCheckoutSessionId) {
        await enqueueJob(tx, expireCheckoutJob, { bookingId: booking.id }, { tenantId: entry.tenantId });
      }
    }
  }
  return true;
}

/**
 * The student leaves the waitlist (or declines the seat offered). Leaving twice, or after the
 * offer expired, answers the entry as it is; a claimed seat is a booking, cancelled from its page.
 */
export async function leaveWaitlist(deps: LeaveWaitlistDeps, input: { uid: string; token: string }) {
  const found = await loadEntryForStudent(deps, input.uid, input.token);
  const now = deps.now();
  const changed = await deps.db.transaction(async (tx) => {
    // Booking first, then entry: the order every other writer of an offer locks them in.
    if (found.bookingId !== null) await lockBooking(tx, found.tenantId, found.bookingId);
    const entry = (await lockEntry(tx, found.tenantId, { uid: found.uid }))!;
    if (entry.status === 'claimed') {
      throw new AppError(
        'CONFLICT',
        'You have claimed this seat: cancel the booking from its own page instead',
      );
    }
    return takeOffLine(tx, entry, { leftBy: 'student', cancelledBy: 'student' }, now);
  });
  if (changed) await announceSeatChanges(deps, [found.tenantId], true);
  const entry = (await findEntry(deps.db, { uid: found.uid }))!;
  return { entry: publicEntry(entry, now) };
}
