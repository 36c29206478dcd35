import { escapeHtml } from '../../../lib/html.ts';
import type { Translator } from '../../../lib/i18n/translator.ts';
import type { EmailPayload } from '../../../lib/mailer.ts';
import { singleLine } from '../../../lib/single-line.ts';
import { bookingInvite, sessionEvents } from './booking-invite.ts';
import { confirmationLayout, policyPart, sessionsPart } from './confirmation-layout.ts';
import { safeTimeZone } from './email-format.ts';
import { type Detail, sessionsPriceDetail, whereDetail } from './email-html.ts';
import { hoursIn, paidTextIn, readerTranslator } from './email-language.ts';
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
  const tr = readerTranslator(booking.attendee.language);
  const zone = safeTimeZone(booking.attendee.timeZone);
  const title = singleLine(booking.title);
  const tenantName = singleLine(tenant.name);
  const count = sessions.length;
  const total = paidTextIn(tr, payment);
  const manageUrl = singleLine(input.manageUrl);
  const details: Detail[] = [
    { label: tr.t('email.label.course'), text: tr.t('email.enrolment.course', { title, count }) },
    whereDetail(location, tr),
    { label: tr.t('email.label.teacher'), text: singleLine(teacher.name) },
    sessionsPriceDetail(total, count, tr),
  ];
  const when = (s: { startTime: Date; endTime: Date }) => tr.range(s.startTime, s.endTime, zone);
  const policyLines = enrolmentPolicy(tr, policy, total !== null);
  const intro =
    input.courseSessions > count
      ? tr.t('email.enrolment.introLate', { title, school: tenantName, count, total: input.courseSessions })
      : tr.t('email.enrolment.intro', { title, school: tenantName });

  const { text, html } = confirmationLayout(input, {
    tr,
    heading: tr.t('email.enrolment.heading'),
    intro,
    details,
    sections: [
      sessionsPart(
        sessions.map((s) => ({ text: when(s), html: escapeHtml(when(s)) })),
        tr,
      ),
      {
        kind: 'link',
        textLabel: tr.t('email.enrolment.link'),
        buttonLabel: tr.t('email.enrolment.button'),
        url: manageUrl,
      },
      policyPart(tr.t('email.policy.heading'), policyLines),
    ],
    inviteNote: tr.t('email.inviteNoteAll'),
  });

  const invite = bookingInvite({
    method: 'REQUEST',
    sequence: 0,
    now: input.now,
    tenant,
    booking,
    organizerEmail: input.organizerEmail,
    location,
    events: sessionEvents(input, sessions, () => tr.t('ics.enrolment', { url: input.manageUrl }), tr),
    tr,
  });

  return {
    to: address(booking.attendee.email),
    subject: subject(
      tr.t('email.enrolment.subject', {
        title,
        count,
        date: tr.shortDateTime(sessions[0]!.startTime, zone),
      }),
    ),
    text,
    html,
    attachments: [invite],
    language: tr.locale,
  };
}

function enrolmentPolicy(tr: Translator, policy: BookingPolicy, paid: boolean): string[] {
  const notice = policy.cancellationNoticeHours;
  const lines = [
    notice <= 0
      ? tr.t('email.enrolment.policy.anyTime')
      : tr.t('email.enrolment.policy.notice', { hours: hoursIn(tr, notice) }),
  ];
  if (!paid) return lines;
  const refund = policy.refundWindowHours;
  lines.push(
    refund <= notice
      ? tr.t('email.enrolment.policy.refund')
      : tr.t('email.enrolment.policy.refundBy', { hours: hoursIn(tr, refund) }),
  );
  return lines;
}
