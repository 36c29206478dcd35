import type { EmailPayload } from '../../../lib/mailer.ts';
import { singleLine } from '../../../lib/single-line.ts';
import { bookingEvent, bookingInvite } from './booking-invite.ts';
import { confirmationLayout } from './confirmation-layout.ts';
import { formatRange, formatShort, safeTimeZone } from './email-format.ts';
import { type Detail, whereDetail } from './email-html.ts';
import { address, subject } from './email-sanitize.ts';
import type { BookingLocation, EmailBooking, EmailPerson, EmailTenant } from './email-types.ts';

// The student's reminder before a session (issue 17): when (in their zone), where or the join
// link, the school's note, the manage link, and the calendar invite again. Pure: every input is
// passed in.

export interface BookingReminderInput {
  tenant: EmailTenant;
  booking: EmailBooking;
  location: BookingLocation;
  teacher: EmailPerson;
  manageUrl: string;
  icsUid: string;
  /** The booking's current SEQUENCE: the invite repeats the latest one, it changes nothing. */
  icsSequence: number;
  organizerEmail: string;
  now: Date;
  /** The school's own text (issue 17): null or absent when none, or the plan does not send it. */
  schoolMessage?: string | null | undefined;
}

export function bookingReminderEmail(input: BookingReminderInput): EmailPayload {
  const { tenant, booking, location, teacher } = input;
  const zone = safeTimeZone(booking.attendee.timeZone);
  const when = formatRange(booking.startTime, booking.endTime, zone);
  const title = singleLine(booking.title);
  const tenantName = singleLine(tenant.name);
  const manageUrl = singleLine(input.manageUrl);
  const details: Detail[] = [
    { label: 'What', text: title },
    { label: 'When', text: when },
    whereDetail(location),
    { label: 'Teacher', text: singleLine(teacher.name) },
    { label: 'Booking reference', text: singleLine(booking.uid) },
  ];
  const { text, html } = confirmationLayout(input, {
    heading: 'Your session is coming up',
    intro: `A reminder of your upcoming session with ${tenantName}.`,
    details,
    sections: [
      {
        kind: 'link',
        textLabel: 'Manage or cancel your booking',
        buttonLabel: 'Manage your booking',
        url: manageUrl,
      },
    ],
    inviteNote: 'A calendar invitation (invite.ics) is attached.',
  });
  const invite = bookingInvite({
    ...input,
    method: 'REQUEST',
    sequence: input.icsSequence,
    events: [bookingEvent(input, `Manage or cancel your booking: ${input.manageUrl}`)],
  });
  return {
    to: address(booking.attendee.email),
    subject: subject(`Reminder: ${title} on ${formatShort(booking.startTime, zone)}`),
    text,
    html,
    attachments: [invite],
  };
}
