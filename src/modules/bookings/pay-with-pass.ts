import type { Database } from '../../db/client.ts';
import {
  type CoveringPass,
  recordPassBookings,
  type TakenCredits,
  takePassCredits,
} from '../passes/pass-credits.ts';

/** Thrown inside the transaction to roll the seats back: the pass had no credit left. */
class PassSpent extends Error {}

/**
 * Books with the first of the student's `candidates` passes that still has `credits` left, in one
 * transaction per try: `reserve` takes the seats and writes the bookings (naming the pass), then
 * the pass's conditional update takes the credits and the ledger records them. The seat rows are
 * locked before the pass row, the order a cancellation locks them in (seat, then the credit given
 * back), so the two never deadlock. A pass that lost the race for its last credit rolls the seats
 * back and the next is tried; undefined when none could pay (the booking then goes to checkout).
 * A refused seat is thrown as it is: no pass changes that.
 */
export async function payWithPass<T>(
  db: Database,
  input: {
    tenantId: number;
    candidates: CoveringPass[];
    credits: number;
    now: Date;
    reserve: (tx: Database, pass: CoveringPass) => Promise<{ made: T; ids: number[] }>;
  },
): Promise<{ made: T; ids: number[]; pass: TakenCredits } | undefined> {
  const { tenantId, credits, now } = input;
  for (const candidate of input.candidates) {
    try {
      return await db.transaction(async (tx) => {
        const { made, ids } = await input.reserve(tx, candidate);
        const pass = await takePassCredits(tx, { tenantId, candidates: [candidate], credits, now });
        if (!pass) throw new PassSpent();
        await recordPassBookings(tx, {
          tenantId,
          studentPassId: pass.id,
          bookingIds: ids,
          remaining: pass.creditsRemaining,
          now,
        });
        return { made, ids, pass };
      });
    } catch (error) {
      if (!(error instanceof PassSpent)) throw error;
    }
  }
  return undefined;
}
