import type { EmailPayload } from '../../../lib/mailer.ts';
import { singleLine } from '../../../lib/single-line.ts';
import { bookingEvent, bookingInvite } from './booking-invite.ts';
import { safeTimeZone } from './email-format.ts';
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
import { greetingIn, labelled, readerTranslator } from './email-language.ts';
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
  const tr = readerTranslator(booking.attendee.language);
  const zone = safeTimeZone(booking.attendee.timeZone);
  const title = singleLine(booking.title);
  const tenantName = singleLine(tenant.name);
  const manageUrl = singleLine(input.manageUrl);
  const moved = input.movedByStaff;
  const intro = moved
    ? [
        tr.t('email.rescheduled.byStaff', { school: tenantName, title }),
        ...(moved.reason ? [tr.t('email.theirNote', { note: singleLine(moved.reason) })] : []),
        tr.t('email.rescheduled.freeCancel', { date: tr.shortDateTime(moved.freeCancelUntil, zone) }),
      ].join(' ')
    : tr.t('email.rescheduled.byStudent', { title });
  const details: Detail[] = [
    { label: tr.t('email.label.what'), text: title },
    { label: tr.t('email.label.newTime'), text: tr.range(booking.startTime, booking.endTime, zone) },
    { label: tr.t('email.label.previousTime'), text: tr.range(previous.startTime, previous.endTime, zone) },
    whereDetail(location, tr),
    { label: tr.t('email.label.teacher'), text: singleLine(teacher.name) },
    { label: tr.t('email.label.reference'), text: singleLine(booking.uid) },
  ];
  const inviteLine = tr.t('email.rescheduled.inviteNote');
  const manageLabel = tr.t('email.manage.button');
  const greeting = greetingIn(tr, booking.attendee.name);

  const text = [
    greeting,
    '',
    intro,
    '',
    ...detailsText(details),
    '',
    labelled(manageLabel, manageUrl),
    '',
    inviteLine,
    '',
    `${tr.t('email.signOff')}\n${tenantName}`,
  ].join('\n');

  const html = emailLayout(
    tr.t('email.rescheduled.heading'),
    [
      para(greeting),
      para(intro),
      detailsHtml(details),
      button(manageUrl, manageLabel),
      para(inviteLine, MUTED),
    ].join(''),
    tr.locale,
  );

  const invite = bookingInvite({
    ...input,
    method: 'REQUEST',
    sequence: input.icsSequence,
    events: [bookingEvent(input, tr.t('ics.manageOnly', { url: input.manageUrl }), tr)],
    tr,
  });

  return {
    to: address(booking.attendee.email),
    subject: subject(
      tr.t('email.rescheduled.subject', { title, date: tr.shortDateTime(booking.startTime, zone) }),
    ),
    text,
    html,
    attachments: [invite],
    language: tr.locale,
  };
}

export function staffBookingRescheduledEmail(input: StaffBookingRescheduledInput): EmailPayload {
  const { to, tenant, booking, previous } = input;
  const tr = readerTranslator(to.language);
  const zone = safeTimeZone(to.timeZone);
  const title = singleLine(booking.title);
  const name = singleLine(booking.attendee.name);
  const email = singleLine(booking.attendee.email);
  const student = name || email;
  const intro = tr.t('staffEmail.moved.intro', { student, title, school: singleLine(tenant.name) });
  const details: Detail[] = [
    { label: tr.t('staffEmail.label.workshop'), text: title },
    { label: tr.t('email.label.newTime'), text: tr.range(booking.startTime, booking.endTime, zone) },
    { label: tr.t('email.label.previousTime'), text: tr.range(previous.startTime, previous.endTime, zone) },
    { label: tr.t('staffEmail.label.student'), text: name ? `${name} <${email}>` : email },
    { label: tr.t('email.label.reference'), text: singleLine(booking.uid) },
  ];
  const greeting = greetingIn(tr, to.name);
  const text = [greeting, '', intro, '', ...detailsText(details)].join('\n');
  const html = emailLayout(
    tr.t('staffEmail.moved.heading'),
    [para(greeting), para(intro), detailsHtml(details)].join(''),
    tr.locale,
  );
  return {
    to: address(to.email),
    subject: subject(
      tr.t('staffEmail.moved.subject', { student, title, date: tr.shortDateTime(booking.startTime, zone) }),
    ),
    text,
    html,
    language: tr.locale,
  };
}
