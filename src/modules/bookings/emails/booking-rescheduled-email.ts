import type { EmailPayload } from '../../../lib/mailer.ts';
import { singleLine } from '../../../lib/single-line.ts';
import { bookingEvent, bookingInvite } from './booking-invite.ts';
import { formatRange, formatShort, greeting, safeTimeZone } from './email-format.ts';
import {
  button,
  type Detail,
  detailsHtml,
  detailsText,
  emailLayout,
  MUTED,
  para,
  whereDetail,
} from './email-html.ts';
import { address, subject } from './email-sanitize.ts';
import type {
  BookingLocation,
  EmailBooking,
  EmailPerson,
  EmailRecipient,
  EmailTenant,
} from './email-types.ts';

// A booking moved to another time by its student: the student's notice with the updated invite
// (the same UID, a higher SEQUENCE, so calendars move the event rather than add one), and the
// notice to the teacher and the school's admins.

export interface PreviousTime {
  startTime: Date;
  endTime: Date;
}

export interface BookingRescheduledInput {
  tenant: EmailTenant;
  /** The booking at its new time. */
  booking: EmailBooking;
  previous: PreviousTime;
  location: BookingLocation;
  teacher: EmailPerson;
  manageUrl: string;
  /** The same UID as the confirmation's invite. */
  icsUid: string;
  /** Higher than every invite sent before for this booking. */
  icsSequence: number;
  organizerEmail: string;
  now: Date;
  /**
   * Set when staff moved the whole session rather than the student their booking: the notice
   * says so and offers cancelling with a full refund until `freeCancelUntil`.
   */
  movedByStaff?: { reason: string | null; freeCancelUntil: Date } | undefined;
}

export interface StaffBookingRescheduledInput {
  /** A teacher or admin; times are shown in their zone. */
  to: EmailRecipient;
  tenant: EmailTenant;
  booking: EmailBooking;
  previous: PreviousTime;
}

export function bookingRescheduledEmail(input: BookingRescheduledInput): EmailPayload {
  const { tenant, booking, previous, location, teacher } = input;
  const zone = safeTimeZone(booking.attendee.timeZone);
  const title = singleLine(booking.title);
  const tenantName = singleLine(tenant.name);
  const manageUrl = singleLine(input.manageUrl);
  const moved = input.movedByStaff;
  const intro = moved
    ? `${tenantName} has moved ${title} to a new time.${moved.reason ? ` Their note: “${singleLine(moved.reason)}”.` : ''} If the new time does not suit you, you can cancel from the link below with a full refund until ${formatShort(moved.freeCancelUntil, zone)}, whatever the usual cancellation policy.`
    : `As you asked, your booking for ${title} has moved to a new time.`;
  const details: Detail[] = [
    { label: 'What', text: title },
    { label: 'New time', text: formatRange(booking.startTime, booking.endTime, zone) },
    { label: 'Previous time', text: formatRange(previous.startTime, previous.endTime, zone) },
    whereDetail(location),
    { label: 'Teacher', text: singleLine(teacher.name) },
    { label: 'Booking reference', text: singleLine(booking.uid) },
  ];
  const inviteLine = 'The attached invite (invite.ics) moves the session in your calendar.';

  const text = [
    greeting(booking.attendee.name),
    '',
    intro,
    '',
    ...detailsText(details),
    '',
    `Manage your booking: ${manageUrl}`,
    '',
    inviteLine,
    '',
    `See you there,\n${tenantName}`,
  ].join('\n');

  const html = emailLayout(
    'Your booking has a new time',
    [
      para(greeting(booking.attendee.name)),
      para(intro),
      detailsHtml(details),
      button(manageUrl, 'Manage your booking'),
      para(inviteLine, MUTED),
    ].join(''),
  );

  const invite = bookingInvite({
    ...input,
    method: 'REQUEST',
    sequence: input.icsSequence,
    events: [bookingEvent(input, `Manage your booking: ${input.manageUrl}`)],
  });

  return {
    to: address(booking.attendee.email),
    subject: subject(`Booking moved: ${title} on ${formatShort(booking.startTime, zone)}`),
    text,
    html,
    attachments: [invite],
  };
}

export function staffBookingRescheduledEmail(input: StaffBookingRescheduledInput): EmailPayload {
  const { to, tenant, booking, previous } = input;
  const zone = safeTimeZone(to.timeZone);
  const title = singleLine(booking.title);
  const name = singleLine(booking.attendee.name);
  const email = singleLine(booking.attendee.email);
  const student = name || email;
  const intro = `${student} moved their booking of ${title} (${singleLine(tenant.name)}) to a new time.`;
  const details: Detail[] = [
    { label: 'Workshop', text: title },
    { label: 'New time', text: formatRange(booking.startTime, booking.endTime, zone) },
    { label: 'Previous time', text: formatRange(previous.startTime, previous.endTime, zone) },
    { label: 'Student', text: name ? `${name} <${email}>` : email },
    { label: 'Booking reference', text: singleLine(booking.uid) },
  ];
  const text = [greeting(to.name), '', intro, '', ...detailsText(details)].join('\n');
  const html = emailLayout(
    'Booking moved',
    [para(greeting(to.name)), para(intro), detailsHtml(details)].join(''),
  );
  return {
    to: address(to.email),
    subject: subject(`Booking moved: ${student} for ${title} to ${formatShort(booking.startTime, zone)}`),
    text,
    html,
  };
}
