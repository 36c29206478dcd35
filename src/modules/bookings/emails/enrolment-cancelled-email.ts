import { escapeHtml } from '../../../lib/html.ts';
import type { EmailPayload } from '../../../lib/mailer.ts';
import { formatMoney } from '../../../lib/money.ts';
import { singleLine } from '../../../lib/single-line.ts';
import { bookingInvite, inviteHeadline } from './booking-invite.ts';
import { formatRange, greeting, safeTimeZone } from './email-format.ts';
import { button, emailLayout, listSection, MUTED, para } from './email-html.ts';
import { address, multiLine, subject } from './email-sanitize.ts';
import type { CancelledBy, EmailPerson, EmailRecipient, EmailTenant, Money } from './email-types.ts';

// A cancelled whole-course enrolment, told once for all its sessions: the student's notice with
// one invite withdrawing every cancelled session, and the staff's. Pure.

export interface EnrolmentCancelledInput {
  tenant: EmailTenant;
  title: string;
  student: EmailRecipient;
  teacher: EmailPerson;
  cancelledBy: CancelledBy;
  reason: string | null;
  /** The sessions cancelled, with their booking's invite UID and its latest SEQUENCE. */
  cancelled: Array<{ uid: string; startTime: Date; endTime: Date; icsUid: string; icsSequence: number }>;
  /** Sessions that stay booked (too close to cancel online). */
  kept: Array<{ startTime: Date; endTime: Date }>;
  /** What the cancellation refunds; status `not_applicable` when nothing. */
  refund: Money & { status: 'pending' | 'completed' | 'failed' | 'not_applicable' };
  organizerEmail: string;
  now: Date;
  bookAgainUrl?: string | undefined;
}

export function enrolmentCancelledEmail(input: EnrolmentCancelledInput): EmailPayload {
  const { tenant, student, refund } = input;
  const zone = safeTimeZone(student.timeZone);
  const title = singleLine(input.title);
  const tenantName = singleLine(tenant.name);
  const reason = input.reason ? multiLine(input.reason) : '';
  const n = input.cancelled.length;
  const sessions = n === 1 ? '1 session' : `${n} sessions`;
  const intro = {
    student: `As you asked, your enrolment in ${title} has been cancelled: ${sessions} cancelled.`,
    teacher: `We're sorry: your teacher had to cancel your enrolment in ${title}: ${sessions} cancelled.`,
    admin: `We're sorry: ${tenantName} had to cancel your enrolment in ${title}: ${sessions} cancelled.`,
  }[input.cancelledBy];
  const when = (s: { startTime: Date; endTime: Date }) => formatRange(s.startTime, s.endTime, zone);
  const refundLine = refundText(refund);
  const keptLine =
    input.kept.length === 0
      ? ''
      : `These sessions are too close to cancel online and stay booked: ${input.kept.map(when).join('; ')}.`;
  const bookAgainUrl = input.bookAgainUrl ? singleLine(input.bookAgainUrl) : '';

  const text = [
    greeting(student.name),
    '',
    intro,
    ...(reason ? ['', `Reason given: ${reason}`] : []),
    '',
    'Cancelled sessions',
    ...input.cancelled.map((s, i) => `${i + 1}. ${when(s)}`),
    ...(keptLine ? ['', keptLine] : []),
    '',
    refundLine,
    '',
    'The attached invite (cancel.ics) removes the cancelled sessions from your calendar.',
    ...(bookAgainUrl ? ['', `See the class again: ${bookAgainUrl}`] : []),
    '',
    tenantName,
  ].join('\n');

  const html = emailLayout(
    'Your enrolment has been cancelled',
    [
      para(greeting(student.name)),
      para(intro),
      reason ? para(`Reason given: ${reason}`) : '',
      listSection(
        'Cancelled sessions',
        input.cancelled.map((s) => escapeHtml(when(s))),
        'ol',
      ),
      keptLine ? para(keptLine) : '',
      para(refundLine),
      bookAgainUrl ? button(bookAgainUrl, 'See the class') : '',
      para('The attached invite (cancel.ics) removes the cancelled sessions from your calendar.', MUTED),
    ].join(''),
  );

  const invite = bookingInvite({
    method: 'CANCEL',
    // Above every invite sent for these sessions.
    sequence: Math.max(0, ...input.cancelled.map((s) => s.icsSequence)) + 1,
    now: input.now,
    tenant,
    booking: { ...input.cancelled[0]!, title: input.title, attendee: student },
    organizerEmail: input.organizerEmail,
    events: input.cancelled.map((s) => ({
      uid: s.icsUid,
      start: s.startTime,
      end: s.endTime,
      description: `Cancelled: ${inviteHeadline(input.title, input.teacher, tenant)}`,
    })),
  });

  return {
    to: address(student.email),
    subject: subject(`Enrolment cancelled: ${title}`),
    text,
    html,
    attachments: [invite],
  };
}

function refundText(refund: EnrolmentCancelledInput['refund']): string {
  const amount = formatMoney(refund.amount, refund.currency);
  switch (refund.status) {
    case 'completed':
      return `We have refunded ${amount} to your original payment method; it can take 5–10 business days to show.`;
    case 'pending':
      return `A refund of ${amount} is on its way to your original payment method; it can take 5–10 business days to show.`;
    case 'failed':
      return `The refund of ${amount} could not be made automatically; the school will contact you.`;
    default:
      return 'Nothing is refunded for these sessions.';
  }
}

/** The teacher's and admins' notice: who left, how many sessions, what is refunded. */
export function staffEnrolmentCancelledEmail(
  input: Omit<EnrolmentCancelledInput, 'organizerEmail' | 'now' | 'bookAgainUrl' | 'teacher'> & {
    to: EmailRecipient;
  },
): EmailPayload {
  const { to, student, refund } = input;
  const zone = safeTimeZone(to.timeZone);
  const title = singleLine(input.title);
  const who = singleLine(student.name) || singleLine(student.email);
  const by = { student: `${who} cancelled`, teacher: 'The teacher cancelled', admin: 'An admin cancelled' }[
    input.cancelledBy
  ];
  const lines = [
    `${by} the enrolment of ${who} (${singleLine(student.email)}) in ${title}.`,
    `Sessions cancelled (seats free again): ${input.cancelled
      .map((s) => formatRange(s.startTime, s.endTime, zone))
      .join('; ')}.`,
    ...(input.kept.length > 0 ? [`Sessions still booked: ${input.kept.length}.`] : []),
    ...(input.reason ? [`Reason given: ${multiLine(input.reason)}`] : []),
    refund.status === 'not_applicable'
      ? 'Nothing is refunded.'
      : `Refund: ${formatMoney(refund.amount, refund.currency)} (${refund.status}).`,
  ];
  return {
    to: address(to.email),
    subject: subject(`Enrolment cancelled: ${who}, ${title}`),
    text: [greeting(to.name), '', ...lines, '', singleLine(input.tenant.name)].join('\n'),
    html: emailLayout(
      'An enrolment was cancelled',
      [para(greeting(to.name)), ...lines.map((l) => para(l))].join(''),
    ),
  };
}
