import type { EmailPayload } from '../../../lib/mailer.ts';
import { formatMoney } from '../../../lib/money.ts';
import { singleLine } from '../../../lib/single-line.ts';
import { bookingInvite, inviteHeadline } from './booking-invite.ts';
import { formatRange, formatShort, greeting, safeTimeZone } from './email-format.ts';
import { button, type Detail, detailsHtml, detailsText, emailLayout, MUTED, para } from './email-html.ts';
import { address, multiLine, subject } from './email-sanitize.ts';
import type { CancelledBy, EmailBooking, EmailPerson, EmailTenant, RefundInfo } from './email-types.ts';

// The student's cancellation notice: who cancelled, the money, and the invite that removes the
// session from their calendar.

export interface BookingCancelledInput {
  tenant: EmailTenant;
  booking: EmailBooking;
  teacher: EmailPerson;
  cancelledBy: CancelledBy;
  reason?: string | null | undefined;
  refund: RefundInfo;
  /** The same UID as the confirmation's invite. */
  icsUid: string;
  /** Must be higher than the last invite's SEQUENCE; defaults to 1 (the confirmation's default is 0). */
  icsSequence?: number | undefined;
  organizerEmail: string;
  now: Date;
  /** Where to book another session, if any. */
  bookAgainUrl?: string | undefined;
}

export function bookingCancelledEmail(input: BookingCancelledInput): EmailPayload {
  const { tenant, booking, teacher, refund } = input;
  const zone = safeTimeZone(booking.attendee.timeZone);
  const when = formatRange(booking.startTime, booking.endTime, zone);
  const title = singleLine(booking.title);
  const tenantName = singleLine(tenant.name);
  const teacherName = singleLine(teacher.name);
  const reason = input.reason ? multiLine(input.reason) : '';

  const intro = {
    student: `As you asked, your booking for ${title} has been cancelled.`,
    teacher: `We're sorry: your teacher, ${teacherName}, had to cancel ${title}, so your booking has been cancelled.`,
    admin: `We're sorry: ${tenantName} had to cancel your booking for ${title}.`,
  }[input.cancelledBy];
  const refundLine = studentRefundText(refund, tenantName);
  const details: Detail[] = [
    { label: 'What', text: title },
    { label: 'When', text: when },
    { label: 'Teacher', text: teacherName },
    { label: 'Booking reference', text: singleLine(booking.uid) },
  ];
  const bookAgainUrl = input.bookAgainUrl ? singleLine(input.bookAgainUrl) : '';

  const text = [
    greeting(booking.attendee.name),
    '',
    intro,
    ...(reason ? ['', `Reason given: ${reason}`] : []),
    '',
    ...detailsText(details),
    '',
    refundLine,
    '',
    'The attached invite (cancel.ics) removes the session from your calendar.',
    ...(bookAgainUrl ? ['', `Book another session: ${bookAgainUrl}`] : []),
    '',
    tenantName,
  ].join('\n');

  const html = emailLayout(
    'Your booking has been cancelled',
    [
      para(greeting(booking.attendee.name)),
      para(intro),
      reason ? para(`Reason given: ${reason}`) : '',
      detailsHtml(details),
      para(refundLine),
      bookAgainUrl ? button(bookAgainUrl, 'Book another session') : '',
      para('The attached invite (cancel.ics) removes the session from your calendar.', MUTED),
    ].join(''),
  );

  const invite = bookingInvite({
    ...input,
    method: 'CANCEL',
    sequence: input.icsSequence ?? 1,
    events: [
      {
        uid: input.icsUid,
        start: booking.startTime,
        end: booking.endTime,
        description: `Cancelled: ${inviteHeadline(booking.title, teacher, tenant)}`,
      },
    ],
  });

  return {
    to: address(booking.attendee.email),
    subject: subject(`Booking cancelled: ${title} on ${formatShort(booking.startTime, zone)}`),
    text,
    html,
    attachments: [invite],
  };
}

function studentRefundText(refund: RefundInfo, tenantName: string): string {
  if (refund.pass) {
    return refund.eligible
      ? 'The class has been given back to your class pass.'
      : 'This cancellation is outside the refund window, so the class is not given back to your class pass.';
  }
  if (refund.amount <= 0) return 'This booking was free, so there is nothing to refund.';
  const amount = formatMoney(refund.amount, refund.currency);
  if (!refund.eligible) {
    return `This cancellation is outside the refund window, so the ${amount} you paid is not refunded.`;
  }
  switch (refund.status) {
    case 'completed':
      return `We have refunded ${amount} in full to your original payment method. Depending on your bank, it can take 5–10 business days to show on your statement.`;
    case 'pending':
      return `We have started a full refund of ${amount} to your original payment method. Depending on your bank, it can take 5–10 business days to show on your statement.`;
    case 'failed':
      return `Your refund of ${amount} could not be processed automatically. ${tenantName} has been told and will make sure you get your money back.`;
    case 'not_applicable':
      return 'No payment was taken for this booking, so there is nothing to refund.';
  }
}
