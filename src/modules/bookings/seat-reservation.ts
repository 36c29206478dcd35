import type { Executor } from '../../db/client.ts';
import { teacherBusy, uniqueViolation } from '../../db/errors.ts';
import { AppError } from '../../lib/errors.ts';
import { assertWithinLimit, type Plan } from '../tenants/plans.ts';
import type { BookingMessage } from './booking-messages.repo.ts';
import { releaseLapsedHolds } from './holds.repo.ts';
import {
  type Allowance,
  type NewBooking,
  reserveSeat,
  type SeatAttempt,
  type SeatState,
  seatRefusal,
} from './seats.repo.ts';

/**
 * Takes the booking's seat and writes it (see `reserveSeat`) and returns its id, or throws the
 * refusal: a second seat for the e-mail, the allowance used up, the session closed or full.
 */
export async function reserveBookingSeat(
  deps: { db: Executor },
  input: { booking: NewBooking; messages: BookingMessage[]; plan: Plan; allowance: Allowance | undefined },
): Promise<number> {
  const { booking, plan } = input;
  const reserve = async () => {
    try {
      return await reserveSeat(deps.db, booking, input.messages, input.allowance);
    } catch (error) {
      if (uniqueViolation(error) === 'bookings_session_email_live_uq') {
        throw new AppError('CONFLICT', `${booking.attendeeEmail} already has a seat in this session`);
      }
      throw teacherBusy(error) ?? error;
    }
  };
  // Lapsed holds are given back only when they stand between this student and a seat.
  let attempt = await reserve();
  if (attempt?.id == null && attempt?.lapsed) {
    if ((await releaseLapsedHolds(deps.db, booking.tenantId, booking.sessionId, booking.now)) > 0) {
      attempt = await reserve();
    }
  }
  if (attempt?.id != null) return attempt.id;
  // A seat looked free but the allowance was used up (the only time it is counted).
  if (attempt?.allowanceUsed != null) assertWithinLimit(plan, 'maxBookingsPerMonth', attempt.allowanceUsed);
  throw await refusal(
    deps,
    attempt,
    { tenantId: booking.tenantId, sessionId: booking.sessionId },
    booking.now,
  );
}

/** Would the reservation's gate let this attempt at the seat row (see `reserveSeat`)? */
function looksOpen(state: SeatState, now: Date): boolean {
  return (
    state.free > 0 &&
    state.status === 'scheduled' &&
    state.startTime > now &&
    state.workshopStatus === 'active'
  );
}

/**
 * The error for a seat the database refused. The attempt's state is its statement's snapshot:
 * it explains a refusal the gate made; when the snapshot showed a free seat and the update
 * still found none, the session changed meanwhile and is read again.
 */
async function refusal(
  deps: { db: Executor },
  attempt: SeatAttempt | undefined,
  ids: { tenantId: number; sessionId: number },
  now: Date,
): Promise<AppError> {
  const state =
    attempt && !looksOpen(attempt, now) ? attempt : await seatRefusal(deps.db, ids.tenantId, ids.sessionId);
  if (state?.workshopStatus !== 'active') return new AppError('WORKSHOP_NOT_FOUND');
  if (state.status !== 'scheduled') return new AppError('BOOKING_CLOSED', 'This session was cancelled');
  if (state.startTime <= now) return new AppError('BOOKING_CLOSED', 'This session has already started');
  return new AppError('NO_SEATS_AVAILABLE', 'This session is fully booked');
}
