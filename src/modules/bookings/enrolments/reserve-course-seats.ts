import type { Database } from '../../../db/client.ts';
import { AppError } from '../../../lib/errors.ts';
import { assertWithinLimit, type Plan } from '../../tenants/plans.ts';
import type { BookingMessage } from '../booking-messages.repo.ts';
import { reserveBookingSeat } from '../seat-reservation.ts';
import type { Allowance, NewBooking } from '../seats.repo.ts';
import { occurrenceLabel } from '../slot-series.ts';
import { insertEnrolment, lockBookingAllowance, type NewEnrolment } from './enrolments.repo.ts';

/**
 * Writes the enrolment and takes a seat in every one of its sessions, all or nothing, in one
 * transaction: each seat by the statement a single booking uses (`reserveSeat`: the conditional
 * update on the session row decides it, the unique index refuses a second seat for the e-mail),
 * earliest session first, so two enrolments lock the same rows in the same order. The first
 * refusal rolls back every seat and the enrolment, and is answered naming the session.
 *
 * A capped plan's allowance lock (the tenant row) is taken first, before any seat row, as a
 * single booking's statement takes it before its seat: the two never wait on each other in
 * opposite orders. The whole enrolment must fit in what is left of the month's allowance.
 */
export async function reserveCourseSeats(
  deps: { db: Database },
  input: {
    enrolment: NewEnrolment;
    bookings: { booking: NewBooking; timeZone: string; messages: BookingMessage[] }[];
    plan: Plan;
    allowance: Allowance | undefined;
  },
): Promise<number[]> {
  const { plan, allowance } = input;
  const count = input.bookings.length;
  return deps.db.transaction(async (tx) => {
    if (allowance) {
      const used = await lockBookingAllowance(tx, input.enrolment.tenantId, allowance.since);
      // Refused when the month's bookings plus this enrolment's would pass the plan's maximum.
      assertWithinLimit(plan, 'maxBookingsPerMonth', used + count - 1);
    }
    await insertEnrolment(tx, input.enrolment);
    const ids: number[] = [];
    for (const [index, { booking, timeZone, messages }] of input.bookings.entries()) {
      try {
        ids.push(await reserveBookingSeat({ db: tx }, { booking, messages, plan, allowance }));
      } catch (error) {
        if (!(error instanceof AppError) || error.code === 'FORBIDDEN') throw error;
        const when = occurrenceLabel(booking.startTime, timeZone);
        throw new AppError(
          error.code,
          `Session ${index + 1} of ${count} of the course (${when}): ${error.message}. Nothing was booked`,
          { cause: error, issues: error.issues },
        );
      }
    }
    return ids;
  });
}
