import type { EmailPayload } from '../../../lib/mailer.ts';
import { formatMoney } from '../../../lib/money.ts';
import { singleLine } from '../../../lib/single-line.ts';
import { formatRange, formatShort, greeting, safeTimeZone } from './email-format.ts';
import {
  anchor,
  type Detail,
  detailsHtml,
  detailsText,
  emailLayout,
  MUTED,
  P_STYLE,
  para,
} from './email-html.ts';
import { address, multiLine, safeHttpUrl, subject } from './email-sanitize.ts';
import type {
  CancelledBy,
  EmailBooking,
  EmailPerson,
  EmailRecipient,
  EmailTenant,
  Money,
  RefundInfo,
} from './email-types.ts';

// What the teacher and the school's admins hear about a booking: new, or cancelled.

export interface StaffBookingNotificationInput {
  /** A teacher or admin; times are shown in their zone. */
  to: EmailRecipient;
  tenant: EmailTenant;
  booking: EmailBooking;
  seatsLeft: number;
  /** What the student paid, or null for a free booking. */
  paid: Money | null;
  /** A line for staff, e.g. where to manage the booking; a bare http(s) URL becomes a link. */
  manageAdminHint?: string | undefined;
  /** A recurring series booked at once: every session's times (the booking is the first). */
  series?: Array<{ startTime: Date; endTime: Date }> | undefined;
  /** The student's answers to the workshop's questions (issue 17), labelled. */
  answers?: Array<{ label: string; answer: string }> | undefined;
}

export interface StaffCancellationNotificationInput {
  to: EmailRecipient;
  tenant: EmailTenant;
  booking: EmailBooking;
  cancelledBy: CancelledBy;
  reason?: string | null | undefined;
  refund: RefundInfo;
  /** Seats free after the cancellation, when known. */
  seatsLeft?: number | undefined;
  manageAdminHint?: string | undefined;
}

export function staffBookingNotificationEmail(input: StaffBookingNotificationInput): EmailPayload {
  const { to, tenant, booking, paid } = input;
  const zone = safeTimeZone(to.timeZone);
  const title = singleLine(booking.title);
  const student = singleLine(booking.attendee.name) || singleLine(booking.attendee.email);
  const series = input.series && input.series.length > 1 ? input.series : undefined;
  const details: Detail[] = [
    { label: 'Workshop', text: title },
    series
      ? {
          label: `${series.length} sessions`,
          text: series.map((s) => formatRange(s.startTime, s.endTime, zone)).join('\n'),
        }
      : { label: 'When', text: formatRange(booking.startTime, booking.endTime, zone) },
    { label: 'Student', text: studentText(booking.attendee) },
    {
      label: 'Payment',
      text:
        paid && paid.amount > 0
          ? `${formatMoney(paid.amount, paid.currency)} paid`
          : paid
            ? 'Paid with a class pass'
            : 'Free',
    },
    { label: 'Seats left', text: seatsText(input.seatsLeft) },
    { label: 'Booking reference', text: singleLine(booking.uid) },
    // Escaped as every detail is: the student wrote them.
    ...(input.answers ?? []).map((a) => ({ label: singleLine(a.label), text: a.answer })),
  ];
  return staffEmail({
    to,
    heading: 'New booking',
    intro: series
      ? `${student} booked ${series.length} sessions of ${title} (${singleLine(tenant.name)}).`
      : `${student} booked ${title} (${singleLine(tenant.name)}).`,
    details,
    hint: input.manageAdminHint,
    subject: `New booking: ${student} for ${title} on ${formatShort(booking.startTime, zone)}`,
  });
}

export function staffCancellationNotificationEmail(input: StaffCancellationNotificationInput): EmailPayload {
  const { to, tenant, booking, refund } = input;
  const zone = safeTimeZone(to.timeZone);
  const title = singleLine(booking.title);
  const student = singleLine(booking.attendee.name) || singleLine(booking.attendee.email);
  const by = { student: 'the student', teacher: 'the teacher', admin: 'an administrator' }[input.cancelledBy];
  const details: Detail[] = [
    { label: 'Workshop', text: title },
    { label: 'When', text: formatRange(booking.startTime, booking.endTime, zone) },
    { label: 'Student', text: studentText(booking.attendee) },
    { label: 'Cancelled by', text: by },
    ...(input.reason ? [{ label: 'Reason', text: multiLine(input.reason) }] : []),
    { label: 'Refund', text: staffRefundText(refund) },
    ...(input.seatsLeft === undefined ? [] : [{ label: 'Seats left', text: seatsText(input.seatsLeft) }]),
    { label: 'Booking reference', text: singleLine(booking.uid) },
  ];
  return staffEmail({
    to,
    heading: 'Booking cancelled',
    intro: `The booking of ${student} for ${title} (${singleLine(tenant.name)}) was cancelled by ${by}.`,
    details,
    hint: input.manageAdminHint,
    subject: `Booking cancelled: ${student} for ${title} on ${formatShort(booking.startTime, zone)}`,
  });
}

function staffEmail(parts: {
  to: EmailRecipient;
  heading: string;
  intro: string;
  details: Detail[];
  hint: string | undefined;
  subject: string;
}): EmailPayload {
  const hint = parts.hint ? singleLine(parts.hint) : '';
  const hintIsUrl = hint !== '' && safeHttpUrl(hint) !== null;
  const text = [
    greeting(parts.to.name),
    '',
    parts.intro,
    '',
    ...detailsText(parts.details),
    ...(hint ? ['', hint] : []),
  ].join('\n');
  const html = emailLayout(
    parts.heading,
    [
      para(greeting(parts.to.name)),
      para(parts.intro),
      detailsHtml(parts.details),
      hint ? (hintIsUrl ? `<p style="${P_STYLE}">${anchor(hint, hint)}</p>` : para(hint, MUTED)) : '',
    ].join(''),
  );
  return { to: address(parts.to.email), subject: subject(parts.subject), text, html };
}

function staffRefundText(refund: RefundInfo): string {
  if (refund.pass)
    return refund.eligible
      ? 'the class went back on the class pass'
      : 'none: outside the refund window (class pass credit kept)';
  if (refund.amount <= 0) return 'none (free booking)';
  const amount = formatMoney(refund.amount, refund.currency);
  if (!refund.eligible) return `none: outside the refund window (${amount} kept)`;
  switch (refund.status) {
    case 'completed':
      return `${amount} refunded in full`;
    case 'pending':
      return `${amount} full refund in progress`;
    case 'failed':
      return `${amount} refund FAILED: please refund the student manually`;
    case 'not_applicable':
      return 'none (no payment taken)';
  }
}

function studentText(attendee: EmailPerson): string {
  const name = singleLine(attendee.name);
  const email = singleLine(attendee.email);
  return name ? `${name} <${email}>` : email;
}

function seatsText(seats: number): string {
  if (seats <= 0) return 'none: the session is now full';
  return seats === 1 ? '1 seat' : `${seats} seats`;
}
