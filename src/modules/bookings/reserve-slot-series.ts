import type { Database } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import type { Plan } from '../tenants/plans.ts';
import type { BookingMessage } from './booking-messages.repo.ts';
import type { Allowance } from './seats.repo.ts';
import { reserveSlotBookingSeat } from './slot-reservation.ts';
import type { NewSlotBooking } from './slot-seats.repo.ts';
import { occurrenceLabel } from './slot-series.ts';

/**
 * Takes a seat in every occurrence of a recurring slot series, all or nothing: each occurrence
 * is taken by the statement a single slot booking uses (so the unique slot index, the teacher's
 * exclusion constraint and the gate decide each one), inside one transaction, first occurrence
 * first. The first refusal rolls every seat back and is answered naming the occurrence.
 */
export async function reserveSlotSeries(
  deps: { db: Database },
  input: {
    bookings: { booking: NewSlotBooking; messages: BookingMessage[] }[];
    plan: Plan;
    allowance: Allowance | undefined;
  },
): Promise<{ id: number; sessionId: number }[]> {
  const count = input.bookings.length;
  return deps.db.transaction(async (tx) => {
    const taken: { id: number; sessionId: number }[] = [];
    for (const [index, { booking, messages }] of input.bookings.entries()) {
      try {
        taken.push(
          await reserveSlotBookingSeat(
            { db: tx },
            { booking, messages, plan: input.plan, allowance: input.allowance },
          ),
        );
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        const when = occurrenceLabel(booking.slot.startTime, booking.slot.timeZone);
        throw new AppError(
          error.code,
          `Session ${index + 1} of ${count} in the series (${when}): ${error.message}. Nothing was booked`,
          { cause: error, issues: error.issues },
        );
      }
    }
    return taken;
  });
}
