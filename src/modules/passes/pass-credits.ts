import type { Executor } from '../../db/client.ts';
import * as repo from './pass-credits.repo.ts';

// The passes domain as bookings see it: a booking of a paid class looks for the student's pass,
// takes its credits in the transaction that takes the seat, and a cancellation gives them back.

export type { BookingPass, CoveringPass, TakenCredits } from './pass-credits.repo.ts';

/** The attendee's passes that can pay for `credits` classes of the workshop now, first to expire first. */
export function findCoveringPasses(db: Executor, query: Parameters<typeof repo.coveringPasses>[1]) {
  return repo.coveringPasses(db, query);
}

/**
 * Takes `credits` from the first of `candidates` that still has them (each try is a conditional
 * update: of two bookings racing for a pass's last credit, the second finds none once the first
 * commits). Call inside the transaction that takes the seats; undefined when none could pay.
 */
export async function takePassCredits(
  tx: Executor,
  input: { tenantId: number; candidates: repo.CoveringPass[]; credits: number; now: Date },
): Promise<repo.TakenCredits | undefined> {
  for (const candidate of input.candidates) {
    const taken = await repo.takeCredits(tx, {
      tenantId: input.tenantId,
      studentPassId: candidate.id,
      credits: input.credits,
      now: input.now,
    });
    if (taken) return taken;
  }
  return undefined;
}

/** The ledger rows of credits taken for these bookings (same transaction as `takePassCredits`). */
export function recordPassBookings(tx: Executor, input: Parameters<typeof repo.recordBookingDebits>[1]) {
  return repo.recordBookingDebits(tx, input);
}

/**
 * A cancellation that is due a refund gives the booking's credit back to its pass (in the
 * cancellation's transaction). True when a credit went back.
 */
export async function returnPassCredit(
  tx: Executor,
  input: { tenantId: number; bookingId: number; now: Date },
): Promise<boolean> {
  return (await repo.returnBookingCredit(tx, input)) !== undefined;
}

/** The pass that paid for the booking, if any. */
export function findBookingPass(db: Executor, tenantId: number, bookingId: number) {
  return repo.passOfBooking(db, tenantId, bookingId);
}
