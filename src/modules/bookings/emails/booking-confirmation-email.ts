import type { EmailPayload } from '../../../lib/mailer.ts';
import { singleLine } from '../../../lib/single-line.ts';
import { hours } from '../policy.ts';
import { bookingEvent, bookingInvite } from './booking-invite.ts';
import { confirmationLayout, policyPart } from './confirmation-layout.ts';
import { formatDateTime, formatRange, formatShort, paidText, safeTimeZone } from './email-format.ts';
import { type Detail, whereDetail } from './email-html.ts';
import { address, subject } from './email-sanitize.ts';
import type {
  BookingLocation,
  BookingPolicy,
  EmailBooking,
  EmailPerson,
  EmailTenant,
  Money,
} from './email-types.ts';

// The student's confirmation: the booking, the policy as it stands now, and the calendar invite.
// Pure: every input (the clock included) is passed in.

export interface BookingConfirmationInput {
  tenant: EmailTenant;
  booking: EmailBooking;
  location: BookingLocation;
  teacher: EmailPerson;
  manageUrl: string;
  /** null for a free booking. */
  payment: Money | null;
  policy: BookingPolicy;
  /** The invite's UID, the same for every invite of this booking, e.g. `<bookingUid>@<host>`. */
  icsUid: string;
  /** Defaults to 0; a re-sent (updated) invite must use a higher one. */
  icsSequence?: number | undefined;
  organizerEmail: string;
  now: Date;
  /** The school's own text (issue 17): null or absent when none, or the plan does not send it. */
  schoolMessage?: string | null | undefined;
}

const HOUR_MS = 3_600_000;

export function bookingConfirmationEmail(input: BookingConfirmationInput): EmailPayload {
  const { tenant, booking, location, teacher, payment, policy, now } = input;
  const zone = safeTimeZone(booking.attendee.timeZone);
  const when = formatRange(booking.startTime, booking.endTime, zone);
  const title = singleLine(booking.title);
  const tenantName = singleLine(tenant.name);
  const teacherName = singleLine(teacher.name);
  const manageUrl = singleLine(input.manageUrl);
  const price = paidText(payment);
  const policyLines = policyText(tenantName, policy, booking.startTime, price, now, zone);
  const policyHeading = price ? 'Cancellation and refunds' : 'Cancellation';

  const details: Detail[] = [
    { label: 'What', text: title },
    { label: 'When', text: when },
    whereDetail(location),
    { label: 'Teacher', text: teacherName },
    { label: price ? 'Paid' : 'Price', text: price ?? 'Free' },
    { label: 'Booking reference', text: singleLine(booking.uid) },
  ];

  const { text, html } = confirmationLayout(input, {
    heading: 'Your booking is confirmed',
    intro: `Your booking with ${tenantName} is confirmed.`,
    details,
    sections: [
      policyPart(policyHeading, policyLines),
      {
        kind: 'link',
        textLabel: 'Manage or cancel your booking',
        buttonLabel: 'Manage your booking',
        url: manageUrl,
      },
    ],
    inviteNote: 'A calendar invitation (invite.ics) is attached.',
  });

  // The e-mail's input carries what the invite is made of (tenant, booking, place, organiser, now).
  const invite = bookingInvite({
    ...input,
    method: 'REQUEST',
    sequence: input.icsSequence ?? 0,
    events: [bookingEvent(input, `Manage or cancel your booking: ${input.manageUrl}`)],
  });

  return {
    to: address(booking.attendee.email),
    subject: subject(`Booking confirmed: ${title} on ${formatShort(booking.startTime, zone)}`),
    text,
    html,
    attachments: [invite],
  };
}

function policyText(
  tenantName: string,
  policy: BookingPolicy,
  start: Date,
  price: string | null,
  now: Date,
  zone: string,
): string[] {
  const lines: string[] = [];
  const noticeHours = policy.cancellationNoticeHours;
  const cancelBy = new Date(start.getTime() - noticeHours * HOUR_MS);
  const cancelOpen = now.getTime() < cancelBy.getTime();
  if (noticeHours <= 0) {
    lines.push('You can cancel online at any time before the session starts.');
  } else if (cancelOpen) {
    lines.push(
      `You can cancel online until ${formatDateTime(cancelBy, zone)}, ${hours(noticeHours)} before the start.`,
    );
  } else {
    lines.push(
      `Online cancellation closes ${hours(noticeHours)} before the start, so it has already closed for this booking. ` +
        `If you cannot attend, please contact ${tenantName}.`,
    );
  }
  if (!price) return lines;

  const refundHours = policy.refundWindowHours;
  const refundBy = new Date(start.getTime() - refundHours * HOUR_MS);
  if (refundBy.getTime() >= cancelBy.getTime()) {
    // Every cancellation the policy allows is early enough for a refund.
    if (cancelOpen || noticeHours <= 0) {
      lines.push(`If you cancel, the ${price} you paid is refunded in full.`);
    }
  } else if (now.getTime() < refundBy.getTime()) {
    lines.push(
      `Cancel by ${formatDateTime(refundBy, zone)}, ${hours(refundHours)} before the start, for a full refund of ${price}; ` +
        'cancellations after that are not refunded.',
    );
  } else {
    lines.push(
      `Refunds are given for cancellations at least ${hours(refundHours)} before the start; ` +
        'that deadline has already passed, so cancelling this booking would not be refunded.',
    );
  }
  return lines;
}
