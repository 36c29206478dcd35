import type { BookingsDeps } from './bookings-deps.ts';
import { cancelBookingByStaff } from './cancel-booking-by-staff.ts';
import { cancelBookingByStudent } from './cancel-booking-by-student.ts';
import { cancelSession } from './cancel-session.ts';
import { type CreateBookingInput, createBooking } from './create-booking.ts';
import { getBookingForStudent } from './get-booking-for-student.ts';
import { type MoveSessionInput, moveSession } from './move-session.ts';
import { refundBooking } from './refund-booking.ts';
import { rescheduleBooking } from './reschedule-booking.ts';
import type { Actor } from './staff-access.ts';
import { sweepHolds } from './sweep-holds.ts';
import { createWaitlistService } from './waitlist/waitlist.service.ts';

export type { BookingsDeps } from './bookings-deps.ts';
export type { CreateBookingInput } from './create-booking.ts';
export { HOLD_MS } from './paid-booking-checkout.ts';
export type { Actor } from './staff-access.ts';

/** The booking use cases with their dependencies bound once (the container's `bookings`). */
export function createBookingsService(deps: BookingsDeps) {
  return {
    /** The id of the tenant a booking for `tenantSlug` goes to (from the booking catalogue), if any. */
    async tenantIdBySlug(tenantSlug: string): Promise<number | undefined> {
      return (await deps.catalog.tenant(tenantSlug))?.id;
    },
    create: (input: CreateBookingInput) => createBooking(deps, input),
    getForStudent: (uid: string, token: string) => getBookingForStudent(deps, uid, token),
    cancelByStudent: (input: { uid: string; token: string; reason?: string | undefined }) =>
      cancelBookingByStudent(deps, input),
    cancelByStaff: (actor: Actor & { bookingId: number; reason?: string | undefined }) =>
      cancelBookingByStaff(deps, actor),
    cancelSession: (actor: Actor & { sessionId: number; reason?: string | undefined }) =>
      cancelSession(deps, actor),
    refund: (actor: Actor & { bookingId: number; force?: boolean | undefined }) => refundBooking(deps, actor),
    /** Staff move a whole session to a new time (issue 17). */
    moveSession: (input: MoveSessionInput) => moveSession(deps, input),
    sweepHolds: (batch?: number) => sweepHolds(deps, batch),
    reschedule: (input: Parameters<typeof rescheduleBooking>[1]) => rescheduleBooking(deps, input),
    /** A full session's waitlist with timed offers (issue 16). */
    waitlist: createWaitlistService(deps),
  };
}

export type BookingsService = ReturnType<typeof createBookingsService>;
