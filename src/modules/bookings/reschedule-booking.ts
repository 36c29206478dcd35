import type { Executor } from '../../db/client.ts';
import { teacherBusy, uniqueViolation } from '../../db/errors.ts';
import { AppError } from '../../lib/errors.ts';
import { findSlot } from '../availability/workshop-slots.ts';
import { findTenant } from '../tenants/tenant-lookup.ts';
import { type BookableWorkshop, findWorkshopById } from './bookable-workshops.repo.ts';
import { writeMessages } from './booking-messages.repo.ts';
import { notifyContext } from './booking-notify-context.ts';
import type { BookingTenant } from './booking-tenant.ts';
import { lockBookingByUid } from './bookings.repo.ts';
import type { BookingsDeps } from './bookings-deps.ts';
import { getBookingForStudent } from './get-booking-for-student.ts';
import { cancellationTerms, hours } from './policy.ts';
import {
  moveBooking,
  type PlannedSession,
  plannedSessionAt,
  releaseSeat,
  takeSessionSeat,
  takeSlotSeat,
} from './reschedule-booking.repo.ts';
import { bookingRescheduledMessages, movedBookingPayment } from './reschedule-messages.ts';
import { announceSeatChanges } from './seat-changes.ts';
import type { SlotSession } from './slot-seats.repo.ts';
import { loadStudentBooking } from './student-booking.ts';

export type RescheduleBookingDeps = Pick<BookingsDeps, 'db' | 'env' | 'now' | 'bus' | 'wakeOutbox'>;

export interface RescheduleBookingInput {
  uid: string;
  token: string;
  startTime: Date;
}

type Target = { kind: 'slot'; slot: SlotSession } | { kind: 'session'; session: PlannedSession };

const TAKEN = 'This time is no longer free; choose another';

/**
 * The student moves their booking to another free slot (or open session) of the same workshop
 * through the manage link, while the cancellation notice allows cancelling it. One transaction:
 * the old seat is given back first (so a move to an overlapping slot of the same teacher is not
 * refused by the student's own booking), the new seat is taken by the statement a new booking
 * uses, the booking row follows with a higher invite SEQUENCE, and the e-mails and
 * BOOKING_RESCHEDULED are written. Any refusal undoes all of it. The payment is not touched.
 * Answers the booking as the manage link shows it.
 */
export async function rescheduleBooking(deps: RescheduleBookingDeps, input: RescheduleBookingInput) {
  const found = await loadStudentBooking(deps, input.uid, input.token);
  const now = deps.now();
  const tenant = (await findTenant(deps.db, { id: found.tenantId }))!;
  const workshop = (await findWorkshopById(deps.db, found.tenantId, found.workshopId))!;
  await deps.db.transaction(async (tx) => {
    const booking = (await lockBookingByUid(tx, found.tenantId, found.uid))!;
    assertMovable(booking, workshop, tenant, input.startTime, now);
    if (booking.sessionId !== null) await releaseSeat(tx, booking.tenantId, booking.sessionId);
    const target = await findTarget(tx, booking.tenantId, workshop, input.startTime, now);
    const moved = await seatAndMove(tx, { booking, workshop, target, now });
    const ctx = notifyContext(deps.env, tenant, workshop, now);
    await writeMessages(
      tx,
      booking.tenantId,
      booking.id,
      bookingRescheduledMessages(ctx, moved, {
        previous: { startTime: booking.startTime, endTime: booking.endTime },
        ...(await movedBookingPayment(tx, booking)),
      }),
    );
  });
  await announceSeatChanges(deps, [found.tenantId], true);
  return getBookingForStudent(deps, input.uid, input.token);
}

function assertMovable(
  booking: { status: string; startTime: Date },
  workshop: BookableWorkshop,
  tenant: BookingTenant,
  startTime: Date,
  now: Date,
) {
  if (booking.status === 'pending') {
    throw new AppError(
      'CONFLICT',
      'This booking is awaiting payment; pay for it (or let the hold lapse and book again) before changing its time',
    );
  }
  if (booking.status !== 'accepted') {
    throw new AppError('CONFLICT', `This booking is ${booking.status}; there is nothing to move`);
  }
  const terms = cancellationTerms(now, booking.startTime, workshop);
  if (!terms.allowed || booking.startTime <= now) {
    throw new AppError(
      'CANCELLATION_CLOSED',
      `Bookings for "${workshop.title}" can be moved online until ${hours(workshop.cancellationNoticeHours)} before the start (${terms.deadline.toISOString()}); please contact ${tenant.name}`,
    );
  }
  if (startTime.getTime() === booking.startTime.getTime()) {
    throw new AppError('VALIDATION_ERROR', 'startTime: the booking is already at this time');
  }
}

/**
 * The free slot or open session at `startTime`, read after the old seat went back. What only the
 * slot computation knows (hours, notice, horizon, daily maximum) is checked here; the seat
 * statement decides the rest. A session planned before the workshop moved to slots stays a target.
 */
async function findTarget(
  tx: Executor,
  tenantId: number,
  workshop: BookableWorkshop,
  startTime: Date,
  now: Date,
): Promise<Target> {
  const notOffered = new AppError(
    'VALIDATION_ERROR',
    `startTime: ${startTime.toISOString()} is not a free time of "${workshop.title}"; see its slots`,
  );
  if (startTime <= now) throw notOffered;
  if (workshop.bookingMode === 'slots') {
    const free = await findSlot(tx, {
      tenantId,
      workshop: { ...workshop, durationMinutes: workshop.duration },
      startTime,
      now,
    });
    if ('slot' in free) {
      const { slot } = free;
      return {
        kind: 'slot',
        slot: {
          startTime: slot.startTime,
          endTime: slot.endTime,
          timeZone: free.timeZone,
          seats: workshop.seats,
        },
      };
    }
    if (free.refused === 'taken') throw new AppError('NO_SEATS_AVAILABLE', TAKEN);
  }
  const planned = await plannedSessionAt(tx, { tenantId, workshopId: workshop.workshopId, startTime });
  if (!planned) throw notOffered;
  return { kind: 'session', session: planned };
}

/** Takes the new seat and moves the booking onto it; the booking as it is now. */
async function seatAndMove(
  tx: Executor,
  input: {
    booking: NonNullable<Awaited<ReturnType<typeof lockBookingByUid>>>;
    workshop: BookableWorkshop;
    target: Target;
    now: Date;
  },
) {
  const { booking, target, now } = input;
  const ids = { tenantId: booking.tenantId, workshopId: booking.workshopId, now };
  const times = target.kind === 'slot' ? target.slot : target.session;
  try {
    const sessionId =
      target.kind === 'slot'
        ? await takeSlotSeat(tx, { ...ids, slot: target.slot })
        : await takeSessionSeat(tx, { ...ids, sessionId: target.session.id });
    if (sessionId === undefined) throw new AppError('NO_SEATS_AVAILABLE', TAKEN);
    const icsSequence = await moveBooking(tx, {
      tenantId: booking.tenantId,
      bookingId: booking.id,
      sessionId,
      startTime: times.startTime,
      endTime: times.endTime,
      now,
    });
    // The row is locked and was accepted: only a broken invariant lands here.
    if (icsSequence === undefined) throw new Error(`booking ${booking.uid} changed while locked`);
    return { ...booking, sessionId, startTime: times.startTime, endTime: times.endTime, icsSequence };
  } catch (error) {
    if (teacherBusy(error)) throw new AppError('NO_SEATS_AVAILABLE', TAKEN, { cause: error });
    if (uniqueViolation(error) === 'bookings_session_email_live_uq') {
      throw new AppError('CONFLICT', `${booking.attendeeEmail} already has a seat at this time`, {
        cause: error,
      });
    }
    // Two students swapping times lock the two sessions in opposite orders; one move loses.
    if (deadlocked(error)) throw new AppError('NO_SEATS_AVAILABLE', TAKEN, { cause: error });
    throw error;
  }
}

function deadlocked(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '40P01') return true;
  }
  return false;
}
