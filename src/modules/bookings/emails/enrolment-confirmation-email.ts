import { escapeHtml } from '../../../lib/html.ts';
import type { EmailPayload } from '../../../lib/mailer.ts';
import { singleLine } from '../../../lib/single-line.ts';
import { hours } from '../policy.ts';
import { bookingInvite, sessionEvents } from './booking-invite.ts';
import { confirmationLayout, policyPart, sessionsPart } from './confirmation-layout.ts';
import { formatRange, formatShort, paidText, safeTimeZone } from './email-format.ts';
import { type Detail, sessionsPriceDetail, whereDetail } from './email-html.ts';
import { address, subject } from './email-sanitize.ts';
import type {
  BookingLocation,
  BookingPolicy,
  EmailBooking,
  EmailPerson,
  EmailTenant,
  Money,
} from './email-types.ts';

// The student's one confirmation of a whole-course enrolment: every session, one manage link for
// the enrolment (cancelling it cancels the sessions still to come), the policy, and one invite
// holding an event per session. Pure: every input (the clock included) is passed in.

export interface EnrolmentConfirmationInput {
  tenant: EmailTenant;
  /** The first session's booking: the course's title and the student. */
  booking: EmailBooking;
  location: BookingLocation;
  teacher: EmailPerson;
  /** The enrolment's manage link. */
  manageUrl: string;
  /** Every session enrolled in, first first, with its booking's invite UID. */
  sessions: Array<{ startTime: Date; endTime: Date; icsUid: string }>;
  /** The course's sessions when the student enrolled (more than `sessions` for a late joiner). */
  courseSessions: number;
  /** What the enrolment cost, or null when free. */
  payment: Money | null;
  policy: BookingPolicy;
  organizerEmail: string;
  now: Date;
  /** The school's own text (issue 17): null or absent when none, or the plan does not send it. */
  schoolMessage?: string | null | undefined;
}

export function enrolmentConfirmationEmail(input: EnrolmentConfirmationInput): EmailPayload {
  const { tenant, booking, location, teacher, payment, policy, sessions } = input;
  const zone = safeTimeZone(booking.attendee.timeZone);
  const title = singleLine(booking.title);
  const tenantName = singleLine(tenant.name);
  const count = sessions.length;
  const total = paidText(payment);
  const manageUrl = singleLine(input.manageUrl);
  const late =
    input.courseSessions > count ? ` (the ${count} still to come of its ${input.courseSessions})` : '';
  const details: Detail[] = [
    { label: 'Course', text: `${title}, ${count} sessions` },
    whereDetail(location),
    { label: 'Teacher', text: singleLine(teacher.name) },
    sessionsPriceDetail(total, count),
  ];
  const when = (s: { startTime: Date; endTime: Date }) => formatRange(s.startTime, s.endTime, zone);
  const policyLines = enrolmentPolicy(policy, total !== null);
  const intro = `You are enrolled in ${title} with ${tenantName}: every session${late}.`;

  const { text, html } = confirmationLayout(input, {
    heading: 'You are enrolled',
    intro,
    details,
    sections: [
      sessionsPart(sessions.map((s) => ({ text: when(s), html: escapeHtml(when(s)) }))),
      {
        kind: 'link',
        textLabel: 'Your enrolment',
        buttonLabel: 'See or cancel your enrolment',
        url: manageUrl,
      },
      policyPart('Cancellation', policyLines),
    ],
    inviteNote: 'A calendar invitation with every session (invite.ics) is attached.',
  });

  const invite = bookingInvite({
    method: 'REQUEST',
    sequence: 0,
    now: input.now,
    tenant,
    booking,
    organizerEmail: input.organizerEmail,
    location,
    events: sessionEvents(input, sessions, () => `Your enrolment: ${input.manageUrl}`),
  });

  return {
    to: address(booking.attendee.email),
    subject: subject(
      `Enrolment confirmed: ${title}, ${count} sessions from ${formatShort(sessions[0]!.startTime, zone)}`,
    ),
    text,
    html,
    attachments: [invite],
  };
}

function enrolmentPolicy(policy: BookingPolicy, paid: boolean): string[] {
  const notice = policy.cancellationNoticeHours;
  const lines = [
    notice <= 0
      ? 'Cancelling your enrolment cancels every session that has not started yet.'
      : `Cancelling your enrolment cancels every session more than ${hours(notice)} away; sessions sooner than that stay booked.`,
  ];
  if (!paid) return lines;
  const refund = policy.refundWindowHours;
  lines.push(
    refund <= notice
      ? 'Each session it cancels is refunded: its share of what you paid.'
      : `Each session cancelled at least ${hours(refund)} before it starts is refunded: its share of what you paid.`,
  );
  return lines;
}
