import type { BookingsDeps } from './bookings-deps.ts';
import { sweepLapsedHolds } from './holds.repo.ts';
import { announceSeatChanges } from './seat-changes.ts';
import { closeStartedLines } from './waitlist/waitlist.repo.ts';

export type SweepHoldsDeps = Pick<BookingsDeps, 'db' | 'now' | 'bus' | 'wakeOutbox'>;

/**
 * Releases every lapsed hold (their webhook never came; a waitlist offer nobody claimed) and
 * closes the waitlists of sessions that started; returns how many holds.
 */
export async function sweepHolds(deps: SweepHoldsDeps, batch = 500): Promise<number> {
  const released = await sweepLapsedHolds(deps.db, deps.now(), batch);
  await closeStartedLines(deps.db, deps.now());
  await announceSeatChanges(
    deps,
    released.map((r) => r.tenantId),
    released.length > 0,
  );
  return released.reduce((sum, r) => sum + r.released, 0);
}
