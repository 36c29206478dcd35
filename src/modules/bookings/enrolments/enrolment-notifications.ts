import { EMAIL_KIND } from '../../../lib/mailer.ts';
import { workshopBookingUrl } from '../../../lib/public-urls.ts';
import type { BookingMessage } from '../booking-messages.repo.ts';
import type { BookingRow } from '../bookings.repo.ts';
import type { CancelledBy } from '../emails/email-types.ts';
import {
  enrolmentCancelledEmail,
  staffEnrolmentCancelledEmail,
} from '../emails/enrolment-cancelled-email.ts';
import { enrolmentConfirmationEmail } from '../emails/enrolment-confirmation-email.ts';
import {
  emailBooking,
  icsUid,
  type NotifiedBooking,
  type NotifyContext,
  organizerEmail,
  revealedLocation,
} from '../notifications.ts';
import { schoolMessage } from '../school-message.ts';
import { staffRecipient } from '../staff-recipient.ts';
import { enrolmentManageUrl } from './enrolment-link.ts';
import type { EnrolmentRow } from './enrolments.repo.ts';

// What an enrolment tells its student and staff, once for all its sessions (each session's
// booking still sends its own webhook events).

/** The student's confirmation: the sessions still booked when it is sent, one manage link. */
export function enrolmentConfirmation(
  ctx: NotifyContext,
  enrolment: Pick<EnrolmentRow, 'uid' | 'courseSessions' | 'amountCents' | 'currency'>,
  sessions: [NotifiedBooking, ...NotifiedBooking[]],
) {
  const { env, workshop } = ctx;
  const [first] = sessions;
  return enrolmentConfirmationEmail({
    tenant: { name: ctx.tenant.name },
    booking: emailBooking(first),
    location: revealedLocation(workshop.locations, first.language),
    teacher: { name: workshop.teacherName, email: workshop.teacherEmail },
    manageUrl: enrolmentManageUrl(env, enrolment.uid),
    sessions: sessions.map((s) => ({
      startTime: s.startTime,
      endTime: s.endTime,
      icsUid: icsUid(env, s.uid),
    })),
    courseSessions: enrolment.courseSessions,
    payment: first.paid ? { amount: enrolment.amountCents, currency: enrolment.currency } : null,
    policy: {
      cancellationNoticeHours: workshop.cancellationNoticeHours,
      refundWindowHours: workshop.refundWindowHours,
    },
    organizerEmail: organizerEmail(env),
    now: ctx.now,
    schoolMessage: schoolMessage(ctx.tenant, workshop),
  });
}

/** The student's and each staff member's notice of a cancelled enrolment, as outbox e-mails. */
export function enrolmentCancelledMessages(
  ctx: NotifyContext,
  enrolment: Pick<EnrolmentRow, 'attendeeName' | 'attendeeEmail' | 'attendeeTimeZone'>,
  change: {
    by: CancelledBy;
    reason: string | null;
    cancelled: BookingRow[];
    kept: BookingRow[];
    refund: {
      amount: number;
      currency: string;
      status: 'pending' | 'completed' | 'failed' | 'not_applicable';
    };
  },
): BookingMessage[] {
  const { env, workshop, tenant } = ctx;
  // Holds that were never paid were never announced: nothing to withdraw.
  const announced = change.cancelled.filter((b) => b.paid || b.status === 'accepted');
  if (announced.length === 0) return [];
  const common = {
    tenant: { name: tenant.name },
    title: workshop.title,
    cancelledBy: change.by,
    reason: change.reason,
    cancelled: announced.map((b) => ({
      uid: b.uid,
      startTime: b.startTime,
      endTime: b.endTime,
      icsUid: icsUid(env, b.uid),
      icsSequence: b.icsSequence,
    })),
    kept: change.kept.map((b) => ({ startTime: b.startTime, endTime: b.endTime })),
    refund: change.refund,
  };
  const student = {
    name: enrolment.attendeeName,
    email: enrolment.attendeeEmail,
    timeZone: enrolment.attendeeTimeZone,
    // The language the sessions were booked in (issue 18): an enrolment's bookings share it.
    language: announced[0]!.language,
  };
  return [
    {
      kind: EMAIL_KIND,
      payload: enrolmentCancelledEmail({
        ...common,
        student,
        teacher: { name: workshop.teacherName, email: workshop.teacherEmail },
        organizerEmail: organizerEmail(env),
        now: ctx.now,
        bookAgainUrl: workshopBookingUrl(env, tenant.slug, workshop.teacherName, workshop.slug),
      }),
    },
    ...workshop.staffEmails.map((email) => ({
      kind: EMAIL_KIND,
      payload: staffEnrolmentCancelledEmail({
        ...common,
        student,
        to: staffRecipient(ctx, email),
      }),
    })),
  ];
}
