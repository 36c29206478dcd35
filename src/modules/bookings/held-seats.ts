import type { Database } from '../../db/client.ts';
import { countHeldSeats } from './held-seats.repo.ts';

/** Seats held for checkout right now, all schools together (the `booking_seats_held` gauge). */
export function heldSeats(db: Database, now: Date): Promise<number> {
  return countHeldSeats(db, now);
}
