import type { Executor } from '../../db/client.ts';
import { teacherBusy, uniqueViolation } from '../../db/errors.ts';
import { AppError } from '../../lib/errors.ts';
import { assertWithinLimit, type Plan } from '../tenants/plans.ts';
import type { BookingMessage } from './booking-messages.repo.ts';
import { releaseLapsedHolds } from './holds.repo.ts';
import type { Allowance } from './seats.repo.ts';
import { liveSlotSession, type NewSlotBooking, reserveSlotSeat } from './slot-seats.repo.ts';

/**
 * Takes a seat in a slot (see `reserveSlotSeat`) and returns the booking's and its session's ids,
 * or throws the refusal: a second seat for the e-mail, the allowance used up, the workshop gone,
 * the slot started, full, or its teacher booked meanwhile by another class.
 */
export async function reserveSlotBookingSeat(
  deps: { db: Executor },
  input: {
    booking: NewSlotBooking;
    messages: BookingMessage[];
    plan: Plan;
    allowance: Allowance | undefined;
  },
): Promise<{ id: number; sessionId: number }> {
  const { booking } = input;
  const reserve = async () => {
    try {
      return await reserveSlotSeat(deps.db, booking, input.messages, input.allowance);
    } catch (error) {
      if (uniqueViolation(error) === 'bookings_session_email_live_uq') {
        throw new AppError('CONFLICT', `${booking.attendeeEmail} already has a seat at this time`);
      }
      // For a slot the teacher's other class makes the time taken, as for a visitor who lost a race.
      if (teacherBusy(error)) {
        throw new AppError('NO_SEATS_AVAILABLE', 'This time is no longer free; choose another slot', {
          cause: error,
        });
      }
      throw error;
    }
  };
  let attempt = await reserve();
  if (attempt.id != null && attempt.sessionId != null)
    return { id: attempt.id, sessionId: attempt.sessionId };
  if (!attempt.open) {
    if (booking.slot.startTime <= booking.now) {
      throw new AppError('BOOKING_CLOSED', 'This slot has already started');
    }
    throw new AppError('WORKSHOP_NOT_FOUND');
  }
  if (!attempt.teacherFree || !attempt.dayOpen) {
    throw new AppError('NO_SEATS_AVAILABLE', 'This time is no longer free; choose another slot');
  }
  if (attempt.allowanceUsed != null)
    assertWithinLimit(input.plan, 'maxBookingsPerMonth', attempt.allowanceUsed);
  // Lapsed holds are given back only when they stand between this student and the slot.
  const session = await liveSlotSession(deps.db, {
    tenantId: booking.tenantId,
    workshopId: booking.workshopId,
    startTime: booking.slot.startTime,
    now: booking.now,
  });
  if (session?.lapsed && (await releaseLapsedHolds(deps.db, booking.tenantId, session.id, booking.now)) > 0) {
    attempt = await reserve();
    if (attempt.id != null && attempt.sessionId != null) {
      return { id: attempt.id, sessionId: attempt.sessionId };
    }
  }
  throw new AppError('NO_SEATS_AVAILABLE', 'This slot is fully booked; choose another');
}
