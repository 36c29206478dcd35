import type { Executor } from '../../db/client.ts';
import { EMAIL_KIND } from '../../lib/mailer.ts';
import { findBookingPass } from '../passes/pass-credits.ts';
import type { BookingMessage } from './booking-messages.repo.ts';
import type { BookingRow } from './bookings.repo.ts';
import {
  bookingRescheduledEmail,
  type PreviousTime,
  staffBookingRescheduledEmail,
} from './emails/booking-rescheduled-email.ts';
import type { EmailBooking } from './emails/email-types.ts';
import { bookingRescheduledEvent, WEBHOOK_KIND } from './events.ts';
import { icsUid, manageUrl, type NotifyContext, organizerEmail, revealedLocation } from './notifications.ts';
import { findPayment } from './payments/payments.repo.ts';
import { staffRecipient } from './staff-recipient.ts';

/**
 * How a moved booking was paid, as BOOKING_RESCHEDULED names it: the Stripe payment, or the class
 * pass whose credit paid for it (`metadata.passUid`, as on BOOKING_CREATED).
 */
export async function movedBookingPayment(
  tx: Executor,
  booking: { tenantId: number; id: number; paid: boolean },
): Promise<{ stripePaymentId: string | null; passUid: string | null }> {
  if (!booking.paid) return { stripePaymentId: null, passUid: null };
  const payment = await findPayment(tx, booking.tenantId, booking.id);
  if (payment) return { stripePaymentId: payment.stripePaymentId ?? null, passUid: null };
  return {
    stripePaymentId: null,
    passUid: (await findBookingPass(tx, booking.tenantId, booking.id))?.uid ?? null,
  };
}

/**
 * What a move tells the outside world, written in its transaction: BOOKING_RESCHEDULED (our
 * extension, docs/webhooks.md), the student's notice with the updated invite, and a notice to
 * each staff member. The e-mails are rendered now, not when sent: a later move must not change
 * what this one said (its previous time).
 */
export function bookingRescheduledMessages(
  ctx: NotifyContext,
  booking: BookingRow,
  move: {
    previous: PreviousTime;
    stripePaymentId: string | null;
    /** The class pass whose credit paid for the booking (movedBookingPayment). */
    passUid?: string | null;
    /** Staff moved the whole session (move-session.ts): the notice offers a free cancellation. */
    movedByStaff?: { reason: string | null; freeCancelUntil: Date };
  },
): BookingMessage[] {
  const { env, workshop } = ctx;
  const emailBooking: EmailBooking = {
    uid: booking.uid,
    title: booking.title,
    startTime: booking.startTime,
    endTime: booking.endTime,
    attendee: {
      name: booking.attendeeName,
      email: booking.attendeeEmail,
      timeZone: booking.attendeeTimeZone,
      language: booking.language,
    },
  };
  return [
    {
      kind: WEBHOOK_KIND,
      payload: bookingRescheduledEvent({
        now: ctx.now,
        tenant: ctx.tenant,
        booking: { ...booking, passUid: move.passUid },
        eventTypeId: workshop.eventTypeId,
        immersioCourseId: workshop.immersioCourseId,
        stripePaymentId: move.stripePaymentId,
        previous: move.previous,
      }),
    },
    {
      kind: EMAIL_KIND,
      payload: bookingRescheduledEmail({
        tenant: { name: ctx.tenant.name },
        booking: emailBooking,
        previous: move.previous,
        location: revealedLocation(workshop.locations, booking.language),
        teacher: { name: workshop.teacherName, email: workshop.teacherEmail },
        manageUrl: manageUrl(env, booking.uid),
        icsUid: icsUid(env, booking.uid),
        icsSequence: booking.icsSequence,
        organizerEmail: organizerEmail(env),
        now: ctx.now,
        movedByStaff: move.movedByStaff,
      }),
    },
    ...workshop.staffEmails.map((email) => ({
      kind: EMAIL_KIND,
      payload: staffBookingRescheduledEmail({
        to: staffRecipient(ctx, email),
        tenant: { name: ctx.tenant.name },
        booking: emailBooking,
        previous: move.previous,
      }),
    })),
  ];
}
