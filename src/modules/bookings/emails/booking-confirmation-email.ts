import type { Translator } from '../../../lib/i18n/translator.ts';
import type { EmailPayload } from '../../../lib/mailer.ts';
import { singleLine } from '../../../lib/single-line.ts';
import { bookingEvent, bookingInvite } from './booking-invite.ts';
import { confirmationLayout, policyPart } from './confirmation-layout.ts';
import { safeTimeZone } from './email-format.ts';
import { type Detail, whereDetail } from './email-html.ts';
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
  const tr = readerTranslator(booking.attendee.language);
  const zone = safeTimeZone(booking.attendee.timeZone);
  const when = tr.range(booking.startTime, booking.endTime, zone);
  const title = singleLine(booking.title);
  const tenantName = singleLine(tenant.name);
  const teacherName = singleLine(teacher.name);
  const manageUrl = singleLine(input.manageUrl);
  const price = paidTextIn(tr, payment);
  const policyLines = policyText(tr, tenantName, policy, booking.startTime, price, now, zone);
  const policyHeading = tr.t(price ? 'email.policy.headingPaid' : 'email.policy.heading');

  const details: Detail[] = [
    { label: tr.t('email.label.what'), text: title },
    { label: tr.t('email.label.when'), text: when },
    whereDetail(location, tr),
    { label: tr.t('email.label.teacher'), text: teacherName },
    price
      ? { label: tr.t('email.label.paid'), text: price }
      : { label: tr.t('email.label.price'), text: tr.t('common.free') },
    { label: tr.t('email.label.reference'), text: singleLine(booking.uid) },
  ];

  const { text, html } = confirmationLayout(input, {
    tr,
    heading: tr.t('email.confirmation.heading'),
    intro: tr.t('email.confirmation.intro', { school: tenantName }),
    details,
    sections: [policyPart(policyHeading, policyLines), manageLinkPart(tr, manageUrl)],
    inviteNote: tr.t('email.inviteNote'),
  });

  // The e-mail's input carries what the invite is made of (tenant, booking, place, organiser, now).
  const invite = bookingInvite({
    ...input,
    method: 'REQUEST',
    sequence: input.icsSequence ?? 0,
    events: [bookingEvent(input, tr.t('ics.manage', { url: input.manageUrl }), tr)],
    tr,
  });

  return {
    to: address(booking.attendee.email),
    subject: subject(
      tr.t('email.confirmation.subject', { title, date: tr.shortDateTime(booking.startTime, zone) }),
    ),
    text,
    html,
    attachments: [invite],
    language: tr.locale,
  };
}

/** "Manage or cancel your booking: <url>" in text, a "Manage your booking" button in HTML. */
export function manageLinkPart(tr: Translator, url: string) {
  return {
    kind: 'link' as const,
    textLabel: tr.t('email.manage.text'),
    buttonLabel: tr.t('email.manage.button'),
    url,
  };
}

function policyText(
  tr: Translator,
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
    lines.push(tr.t('email.policy.anyTime'));
  } else if (cancelOpen) {
    lines.push(
      tr.t('email.policy.until', { deadline: tr.dateTime(cancelBy, zone), hours: hoursIn(tr, noticeHours) }),
    );
  } else {
    lines.push(tr.t('email.policy.closed', { hours: hoursIn(tr, noticeHours), school: tenantName }));
  }
  if (!price) return lines;

  const refundHours = policy.refundWindowHours;
  const refundBy = new Date(start.getTime() - refundHours * HOUR_MS);
  if (refundBy.getTime() >= cancelBy.getTime()) {
    // Every cancellation the policy allows is early enough for a refund.
    if (cancelOpen || noticeHours <= 0) lines.push(tr.t('email.policy.refundFull', { price }));
  } else if (now.getTime() < refundBy.getTime()) {
    lines.push(
      tr.t('email.policy.refundBy', {
        deadline: tr.dateTime(refundBy, zone),
        hours: hoursIn(tr, refundHours),
        price,
      }),
    );
  } else {
    lines.push(tr.t('email.policy.refundPassed', { hours: hoursIn(tr, refundHours) }));
  }
  return lines;
}
