import type { Env } from '../../env.ts';
import { EMAIL_KIND } from '../../lib/mailer.ts';
import { workshopBookingUrl } from '../../lib/public-urls.ts';
import { singleLine } from '../../lib/single-line.ts';
import { labelledAnswers } from '../workshops/booking-answers.ts';
import type { BookableWorkshop, Location } from './bookable-workshops.repo.ts';
import type { BookingMessage } from './booking-messages.repo.ts';
import type { BookingTenant } from './booking-tenant.ts';
import { bookingCancelledEmail } from './emails/booking-cancelled-email.ts';
import { bookingConfirmationEmail } from './emails/booking-confirmation-email.ts';
import { greetingIn, readerTranslator } from './emails/email-language.ts';
import type { BookingLocation, CancelledBy, EmailBooking } from './emails/email-types.ts';
import { latePaymentRefundedEmail } from './emails/late-payment-refunded-email.ts';
import {
  staffBookingNotificationEmail,
  staffCancellationNotificationEmail,
} from './emails/staff-booking-emails.ts';
import {
  type BookingRef,
  bookingCancelledEvent,
  bookingCreatedEvent,
  type RefundOutcome,
  WEBHOOK_KIND,
} from './events.ts';
import { manageToken } from './manage-token.ts';
import { schoolMessage } from './school-message.ts';
import { staffRecipient } from './staff-recipient.ts';

// What the booking flow tells the outside world, as outbox messages written in the transaction
// that makes the change: the spec's webhook events and the e-mails to the student and staff.

/** A booking as the notices need it; the id is filled in by the insert when not known yet. */
export type NotifiedBooking = BookingRef & { id?: number };

export interface NotifyContext {
  env: Pick<Env, 'APP_SECRET' | 'PUBLIC_BASE_URL' | 'BOOKING_DOMAIN' | 'MAIL_FROM'> & { APP_SECRET: string };
  now: Date;
  tenant: BookingTenant;
  workshop: BookableWorkshop;
  /** The zone staff e-mails show times in: the session's (the teacher's) zone. */
  staffTimeZone: string;
}

export function manageUrl(env: NotifyContext['env'], uid: string): string {
  return `${env.PUBLIC_BASE_URL}/bookings/${uid}?token=${manageToken(env.APP_SECRET, uid)}`;
}

export function icsUid(env: NotifyContext['env'], uid: string): string {
  return `${uid}@${new URL(env.PUBLIC_BASE_URL).hostname}`;
}

/** The address in MAIL_FROM, as the invite's organizer. */
export function organizerEmail(env: NotifyContext['env']): string {
  return /<([^>]+)>/.exec(env.MAIL_FROM)?.[1] ?? env.MAIL_FROM;
}

/** The first location, revealed in full now that the student has a seat. */
export function revealedLocation(locations: Location[], language?: string | null): BookingLocation {
  const first = locations[0];
  if (!first) {
    return { type: 'link', value: readerTranslator(language).t('email.location.toFollow') };
  }
  return { type: first.type, value: first.address ?? first.link ?? first.value ?? '' };
}

export function emailBooking(b: NotifiedBooking): EmailBooking {
  return {
    uid: b.uid,
    title: b.title,
    startTime: b.startTime,
    endTime: b.endTime,
    attendee: {
      name: b.attendeeName,
      email: b.attendeeEmail,
      timeZone: b.attendeeTimeZone,
      language: b.language,
    },
  };
}

function bookAgainUrl(ctx: NotifyContext): string {
  return workshopBookingUrl(ctx.env, ctx.tenant.slug, ctx.workshop.teacherName, ctx.workshop.slug);
}

export const BOOKING_EMAIL_KIND = 'booking-email';

/** A booking e-mail rendered by the outbox worker from the booking as it is when sent. */
export interface BookingEmailJob {
  bookingId: number;
  template: 'confirmation' | 'staff-new';
  /** The staff member, for `staff-new`. */
  to?: string;
}

/**
 * A confirmed seat: BOOKING_CREATED, the student's confirmation with invite, and a notice to each
 * staff member. The e-mails are small jobs rendered by the worker, so taking a booking writes a
 * few hundred bytes rather than every e-mail's HTML and calendar file.
 */
export function bookingConfirmedMessages(
  ctx: NotifyContext,
  booking: NotifiedBooking,
  extra: { stripePaymentId: string | null; emails?: boolean },
): BookingMessage[] {
  const { workshop } = ctx;
  const bookingId = booking.id ?? 0;
  const email = (job: Omit<BookingEmailJob, 'bookingId'>): BookingMessage => ({
    kind: BOOKING_EMAIL_KIND,
    idPath: '{bookingId}',
    payload: { bookingId, ...job } satisfies BookingEmailJob,
  });
  return [
    {
      kind: WEBHOOK_KIND,
      idPath: '{data,booking,id}',
      payload: bookingCreatedEvent({
        now: ctx.now,
        tenant: ctx.tenant,
        booking,
        eventTypeId: workshop.eventTypeId,
        immersioCourseId: workshop.immersioCourseId,
        stripePaymentId: extra.stripePaymentId,
      }),
    },
    // A series' later occurrences are announced in its first one's e-mails.
    ...(extra.emails === false
      ? []
      : [
          email({ template: 'confirmation' }),
          ...workshop.staffEmails.map((to) => email({ template: 'staff-new', to })),
        ]),
  ];
}

/** The student's confirmation with the meeting details, the policy and an invite. */
export function confirmationEmail(ctx: NotifyContext, booking: NotifiedBooking) {
  const { env, workshop } = ctx;
  return bookingConfirmationEmail({
    tenant: { name: ctx.tenant.name },
    booking: emailBooking(booking),
    location: revealedLocation(workshop.locations, booking.language),
    teacher: { name: workshop.teacherName, email: workshop.teacherEmail },
    manageUrl: manageUrl(env, booking.uid),
    payment: booking.paid ? { amount: booking.amountCents, currency: booking.currency } : null,
    policy: {
      cancellationNoticeHours: workshop.cancellationNoticeHours,
      refundWindowHours: workshop.refundWindowHours,
    },
    icsUid: icsUid(env, booking.uid),
    organizerEmail: organizerEmail(env),
    now: ctx.now,
    schoolMessage: schoolMessage(ctx.tenant, workshop),
  });
}

export function staffNewBookingEmail(
  ctx: NotifyContext,
  booking: NotifiedBooking,
  to: string,
  seatsLeft: number,
  series?: Array<{ startTime: Date; endTime: Date; amountCents: number }>,
) {
  const { workshop } = ctx;
  // A series' or an enrolment's sessions may have different shares of its one payment.
  const amount = series ? series.reduce((sum, s) => sum + s.amountCents, 0) : booking.amountCents;
  return staffBookingNotificationEmail({
    to: staffRecipient(ctx, to),
    tenant: { name: ctx.tenant.name },
    booking: emailBooking(booking),
    seatsLeft,
    paid: booking.paid ? { amount, currency: booking.currency } : null,
    series,
    answers: labelledAnswers(workshop.questions, booking.answers),
  });
}

/** A cancellation: BOOKING_CANCELLED with its refund, the student's notice with a CANCEL invite, staff notices. */
export function bookingCancelledMessages(
  ctx: NotifyContext,
  booking: NotifiedBooking & { id: number; cancelledAt: Date; icsSequence?: number },
  cancel: {
    by: CancelledBy;
    reason: string | null;
    refund: RefundOutcome;
    seatsLeft?: number;
    /** False: the webhook only (a cancelled enrolment tells its people once, for every session). */
    emails?: boolean;
  },
): BookingMessage[] {
  const { env, workshop } = ctx;
  const refundInfo = {
    eligible: cancel.refund.eligible,
    amount: booking.paid ? booking.amountCents : 0,
    currency: booking.currency,
    status: cancel.refund.status,
    // Paid with nothing: a class pass paid (its credit is what a refund gives back).
    pass: booking.paid && booking.amountCents === 0,
  };
  // A hold that was never paid for was never announced (no BOOKING_CREATED, no confirmation),
  // so there is nothing to withdraw.
  if (booking.status !== 'accepted' && !booking.paid) return [];
  const messages: BookingMessage[] = [
    {
      kind: WEBHOOK_KIND,
      payload: bookingCancelledEvent({
        now: ctx.now,
        tenant: ctx.tenant,
        booking: {
          id: booking.id,
          uid: booking.uid,
          workshopId: booking.workshopId,
          cancelledAt: booking.cancelledAt,
        },
        cancelledBy: cancel.by,
        reason: cancel.reason,
        refund: cancel.refund,
      }),
    },
  ];
  if (cancel.emails === false) return messages;
  messages.push({
    kind: EMAIL_KIND,
    payload: bookingCancelledEmail({
      tenant: { name: ctx.tenant.name },
      booking: emailBooking(booking),
      teacher: { name: workshop.teacherName, email: workshop.teacherEmail },
      cancelledBy: cancel.by,
      reason: cancel.reason,
      refund: refundInfo,
      icsUid: icsUid(env, booking.uid),
      // Above every invite sent before (a reschedule raises the stored one).
      icsSequence: (booking.icsSequence ?? 0) + 1,
      organizerEmail: organizerEmail(env),
      now: ctx.now,
      bookAgainUrl: bookAgainUrl(ctx),
    }),
  });
  for (const email of workshop.staffEmails) {
    messages.push({
      kind: EMAIL_KIND,
      payload: staffCancellationNotificationEmail({
        to: staffRecipient(ctx, email),
        tenant: { name: ctx.tenant.name },
        booking: emailBooking(booking),
        cancelledBy: cancel.by,
        reason: cancel.reason,
        refund: refundInfo,
        ...(cancel.seatsLeft !== undefined && { seatsLeft: cancel.seatsLeft }),
      }),
    });
  }
  return messages;
}

/** A payment that came after its seat was gone, refunded in full. */
export function lateRefundMessages(
  ctx: NotifyContext,
  booking: NotifiedBooking,
  refund: { amount: number; currency: string },
): BookingMessage[] {
  return [
    {
      kind: EMAIL_KIND,
      payload: latePaymentRefundedEmail({
        tenant: { name: ctx.tenant.name },
        booking: emailBooking(booking),
        refund: { ...refund, status: 'completed' },
        bookAgainUrl: bookAgainUrl(ctx),
      }),
    },
  ];
}

/** Staff refunded a booking without cancelling it: the student hears about the money. */
export function refundIssuedMessages(
  ctx: NotifyContext,
  booking: NotifiedBooking,
  refund: RefundOutcome,
): BookingMessage[] {
  if (refund.status !== 'completed') return [];
  const tr = readerTranslator(booking.language);
  const amount = tr.money(refund.amount, refund.currency);
  const when = tr.dateTime(booking.startTime, booking.attendeeTimeZone);
  const values = { school: ctx.tenant.name, amount, title: booking.title, when };
  return [
    {
      kind: EMAIL_KIND,
      payload: {
        to: booking.attendeeEmail,
        subject: singleLine(tr.t('email.refundIssued.subject', { title: booking.title })),
        text: [
          greetingIn(tr, booking.attendeeName),
          '',
          tr.t('email.refundIssued.body', values),
          tr.t('email.refundIssued.timing'),
          '',
          tr.t('email.refundIssued.link', { url: manageUrl(ctx.env, booking.uid) }),
        ].join('\n'),
        language: tr.locale,
      },
    },
  ];
}
