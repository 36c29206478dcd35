import type { EmailPayload } from '../../../lib/mailer.ts';
import { singleLine } from '../../../lib/single-line.ts';
import { manageLinkPart } from './booking-confirmation-email.ts';
import { bookingEvent, bookingInvite } from './booking-invite.ts';
import { confirmationLayout } from './confirmation-layout.ts';
import { safeTimeZone } from './email-format.ts';
import { type Detail, whereDetail } from './email-html.ts';
import { readerTranslator } from './email-language.ts';
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
  const tr = readerTranslator(booking.attendee.language);
  const zone = safeTimeZone(booking.attendee.timeZone);
  const when = tr.range(booking.startTime, booking.endTime, zone);
  const title = singleLine(booking.title);
  const tenantName = singleLine(tenant.name);
  const manageUrl = singleLine(input.manageUrl);
  const details: Detail[] = [
    { label: tr.t('email.label.what'), text: title },
    { label: tr.t('email.label.when'), text: when },
    whereDetail(location, tr),
    { label: tr.t('email.label.teacher'), text: singleLine(teacher.name) },
    { label: tr.t('email.label.reference'), text: singleLine(booking.uid) },
  ];
  const { text, html } = confirmationLayout(input, {
    tr,
    heading: tr.t('email.reminder.heading'),
    intro: tr.t('email.reminder.intro', { school: tenantName }),
    details,
    sections: [manageLinkPart(tr, manageUrl)],
    inviteNote: tr.t('email.inviteNote'),
  });
  const invite = bookingInvite({
    ...input,
    method: 'REQUEST',
    sequence: input.icsSequence,
    events: [bookingEvent(input, tr.t('ics.manage', { url: input.manageUrl }), tr)],
    tr,
  });
  return {
    to: address(booking.attendee.email),
    subject: subject(
      tr.t('email.reminder.subject', { title, date: tr.shortDateTime(booking.startTime, zone) }),
    ),
    text,
    html,
    attachments: [invite],
    language: tr.locale,
  };
}
