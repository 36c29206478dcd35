import type { Executor } from '../../db/client.ts';
import { teacherBusy, uniqueViolation } from '../../db/errors.ts';
import { AppError } from '../../lib/errors.ts';
import { EMAIL_KIND } from '../../lib/mailer.ts';
import { isValidTimeZone } from '../../lib/time-zones.ts';
import { findTenant } from '../tenants/tenant-lookup.ts';
import { assertTeacherFree } from '../workshops/teacher-free.ts';
import { type BookableWorkshop, findWorkshopById } from './bookable-workshops.repo.ts';
import { writeMessages } from './booking-messages.repo.ts';
import { notifyContext } from './booking-notify-context.ts';
import type { BookingRow } from './bookings.repo.ts';
import type { BookingsDeps } from './bookings-deps.ts';
import { sessionMovedStaffEmail } from './emails/session-moved-email.ts';
import {
  lockSessionToMove,
  moveSessionBookings,
  moveSessionRow,
  otherSessionAt,
  waitingEntriesOfSession,
} from './move-session.repo.ts';
import type { NotifyContext } from './notifications.ts';
import { bookingRescheduledMessages, movedBookingPayment } from './reschedule-messages.ts';
import { type Actor, staffRoleOn } from './staff-access.ts';
import { staffRecipient } from './staff-recipient.ts';
import { waitlistSessionMovedEmail } from './waitlist/waitlist-emails.ts';
import { waitlistUrl } from './waitlist/waitlist-token.ts';

export type MoveSessionDeps = Pick<BookingsDeps, 'db' | 'env' | 'now' | 'bus' | 'wakeOutbox'>;

export interface MoveSessionInput extends Actor {
  sessionId: number;
  startTime: Date;
  reason?: string | undefined;
}

/**
 * Staff move a scheduled, not yet started session of a fixed-schedule workshop to a new start
 * with the same length, in one transaction: the session row (the teacher-busy constraint checks
 * its new time), then its live bookings, paid or held, with a higher invite SEQUENCE and a free
 * cancellation until the new start. Each accepted booking sends BOOKING_RESCHEDULED and its
 * student's notice (new time in their zone, the updated invite, the manage link to cancel with a
 * full refund); staff get one notice for the session. A held booking moves silently: its
 * confirmation, sent when paid, carries the new time. Each student still waiting on the session's
 * waitlist is told the new time, keeping their place, with their link to leave.
 */
export async function moveSession(deps: MoveSessionDeps, input: MoveSessionInput) {
  const now = deps.now();
  const reason = input.reason?.trim() || null;
  const result = await deps.db.transaction(async (tx) => {
    const session = await lockSessionToMove(tx, input.tenantId, input.sessionId);
    if (!session) throw new AppError('NOT_FOUND', 'Session not found');
    const workshop = (await findWorkshopById(tx, input.tenantId, session.workshopId))!;
    staffRoleOn(input, workshop.teacherId);
    assertMovable(session, workshop, input.startTime, now);
    const endTime = new Date(
      input.startTime.getTime() + (session.endTime.getTime() - session.startTime.getTime()),
    );
    const ids = { tenantId: input.tenantId, sessionId: session.id };
    if (await otherSessionAt(tx, { ...ids, workshopId: session.workshopId, startTime: input.startTime })) {
      throw new AppError('CONFLICT', sameStartMessage(workshop, input.startTime));
    }
    await assertTeacherFree(tx, {
      tenantId: input.tenantId,
      teacherId: workshop.teacherId,
      ranges: [
        {
          from: new Date(input.startTime.getTime() - workshop.bufferBeforeMinutes * 60_000),
          until: new Date(endTime.getTime() + workshop.bufferAfterMinutes * 60_000),
        },
      ],
      exceptSessionId: session.id,
    });
    try {
      await moveSessionRow(tx, { ...ids, startTime: input.startTime, endTime });
    } catch (error) {
      // A session booked at the same time by a concurrent write: the constraints have the last word.
      const busy = teacherBusy(error);
      if (busy) throw busy;
      if (uniqueViolation(error) === 'workshop_sessions_workshop_start_live_uq') {
        throw new AppError('CONFLICT', sameStartMessage(workshop, input.startTime), { cause: error });
      }
      throw error;
    }
    const moved = await moveSessionBookings(tx, { ...ids, startTime: input.startTime, endTime, now });
    const tenant = (await findTenant(tx, { id: input.tenantId }))!;
    const ctx = notifyContext(deps.env, tenant, workshop, now);
    const previous = { startTime: session.startTime, endTime: session.endTime };
    const accepted = moved.filter((b) => b.status === 'accepted');
    for (const booking of accepted) {
      await writeMessages(
        tx,
        input.tenantId,
        booking.id,
        await attendeeMessages(tx, ctx, booking, previous, reason),
      );
    }
    await writeMessages(
      tx,
      input.tenantId,
      // The notice is about the session; no payload refers to a booking id.
      0,
      workshop.staffEmails.map((email) => ({
        kind: EMAIL_KIND,
        payload: sessionMovedStaffEmail({
          to: staffRecipient(ctx, email),
          tenant: { name: tenant.name },
          title: workshop.title,
          startTime: input.startTime,
          endTime,
          previous,
          reason,
          attendees: accepted.map((b) => ({ name: b.attendeeName, email: b.attendeeEmail })),
        }),
      })),
    );
    // Those waiting keep their place on the moved session's line; they hear the new time.
    const waiting = await waitingEntriesOfSession(tx, input.tenantId, session.id);
    await writeMessages(
      tx,
      input.tenantId,
      0,
      waiting.map((entry) => ({
        kind: EMAIL_KIND,
        payload: waitlistSessionMovedEmail({
          tenantName: tenant.name,
          title: workshop.title,
          startTime: input.startTime,
          endTime,
          previous,
          reason,
          attendee: {
            name: entry.name,
            email: entry.email,
            timeZone: entry.timeZone,
            language: entry.language,
          },
          zone: isValidTimeZone(entry.timeZone) ? entry.timeZone : session.timeZone,
          manageUrl: waitlistUrl(deps.env, entry.uid),
        }),
      })),
    );
    return {
      success: true,
      session: { id: session.id, startTime: input.startTime, endTime },
      movedBookings: moved.length,
    };
  });
  // The schedule changed, not only seats: the booking catalogue reloads the sessions.
  await deps.bus.publish({ type: 'catalog', tenantId: input.tenantId });
  deps.wakeOutbox();
  return result;
}

function assertMovable(
  session: { status: string; startTime: Date },
  workshop: BookableWorkshop,
  startTime: Date,
  now: Date,
) {
  if (session.status !== 'scheduled') {
    throw new AppError('CONFLICT', `This session is ${session.status}; only a scheduled session can move`);
  }
  if (session.startTime <= now) {
    throw new AppError('CONFLICT', 'This session has started or is over; only a future session can move');
  }
  if (workshop.bookingMode === 'slots') {
    throw new AppError(
      'CONFLICT',
      `"${workshop.title}" is booked by slot: each student moves their own booking from its manage link`,
    );
  }
  if (startTime <= now)
    throw new AppError('VALIDATION_ERROR', 'startTime: the new start must be in the future');
  if (startTime.getTime() === session.startTime.getTime()) {
    throw new AppError('VALIDATION_ERROR', 'startTime: the session already starts at this time');
  }
}

function sameStartMessage(workshop: BookableWorkshop, startTime: Date) {
  return `"${workshop.title}" already has a session at ${startTime.toISOString()}; cancel or move that one instead`;
}

/** The student's messages: BOOKING_RESCHEDULED and the notice, without the per-booking staff copies. */
async function attendeeMessages(
  tx: Executor,
  ctx: NotifyContext,
  booking: BookingRow,
  previous: { startTime: Date; endTime: Date },
  reason: string | null,
) {
  return bookingRescheduledMessages({ ...ctx, workshop: { ...ctx.workshop, staffEmails: [] } }, booking, {
    previous,
    ...(await movedBookingPayment(tx, booking)),
    movedByStaff: { reason, freeCancelUntil: booking.startTime },
  });
}
