import { escapeHtml } from '../../../lib/html.ts';
import type { EmailPayload } from '../../../lib/mailer.ts';
import { formatMoney } from '../../../lib/money.ts';
import { buildIcs } from './ics.ts';

// The e-mails of the booking flow, as outbox payloads (`enqueue(tx, { kind: EMAIL_KIND, ... })`).
// Pure: every input (the clock included) is passed in. Each has a plain-text body and a small
// HTML body with inline styles and no external resources; every string that came from a user
// (titles, names, addresses, reasons) is HTML-escaped, and CR/LF never reaches a subject.

export interface EmailTenant {
  name: string;
}

export interface EmailPerson {
  name: string;
  email: string;
}

/** Someone whose e-mail shows times in their own IANA zone (an invalid zone falls back to UTC). */
export interface EmailRecipient extends EmailPerson {
  timeZone: string;
}

export interface EmailBooking {
  uid: string;
  title: string;
  startTime: Date;
  endTime: Date;
  attendee: EmailRecipient;
}

export type LocationType = 'zoom' | 'google_meet' | 'in_person' | 'link';

export interface BookingLocation {
  type: LocationType;
  /** The meeting link, or the address for `in_person`. */
  value: string;
}

/**
 * An amount in the currency's minor unit as ISO 4217 / `Intl` define it: cents for USD,
 * whole yen for JPY (zero-decimal), thousandths for KWD.
 */
export interface Money {
  amount: number;
  currency: string;
}

export interface BookingPolicy {
  /** Students can cancel online until this many hours before the start. */
  cancellationNoticeHours: number;
  /** A cancellation at least this many hours before the start is refunded in full. */
  refundWindowHours: number;
}

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
}

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
}

export type CancelledBy = 'student' | 'teacher' | 'admin';

export type RefundStatus = 'pending' | 'completed' | 'failed' | 'not_applicable';

export interface RefundInfo {
  /** Whether the policy grants a refund for this cancellation. */
  eligible: boolean;
  /** What was paid (minor units, see {@link Money}); 0 for a free booking. */
  amount: number;
  currency: string;
  status: RefundStatus;
}

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

export interface LatePaymentRefundedInput {
  tenant: EmailTenant;
  booking: EmailBooking;
  refund: Money & { status: 'pending' | 'completed' };
  /** Where to pick another session, if any. */
  bookAgainUrl?: string | undefined;
}

const ICS_CONTENT_TYPE = {
  REQUEST: 'text/calendar; charset=utf-8; method=REQUEST',
  CANCEL: 'text/calendar; charset=utf-8; method=CANCEL',
} as const;

const HOUR_MS = 3_600_000;

export const LOCATION_LABELS: Record<LocationType, string> = {
  zoom: 'Zoom',
  google_meet: 'Google Meet',
  in_person: 'In person',
  link: 'Online',
};

// ---------------------------------------------------------------------------------------------
// Student e-mails

export function bookingConfirmationEmail(input: BookingConfirmationInput): EmailPayload {
  const { tenant, booking, location, teacher, payment, policy, now } = input;
  const zone = safeTimeZone(booking.attendee.timeZone);
  const when = formatRange(booking.startTime, booking.endTime, zone);
  const title = singleLine(booking.title);
  const tenantName = singleLine(tenant.name);
  const teacherName = singleLine(teacher.name);
  const where = locationText(location);
  const manageUrl = singleLine(input.manageUrl);
  const price = payment && payment.amount > 0 ? formatMoney(payment.amount, payment.currency) : null;
  const policyLines = policyText(tenantName, policy, booking.startTime, price, now, zone);
  const policyHeading = price ? 'Cancellation and refunds' : 'Cancellation';

  const details: Detail[] = [
    { label: 'What', text: title },
    { label: 'When', text: when },
    { label: 'Where', text: where, href: location.type === 'in_person' ? undefined : location.value },
    { label: 'Teacher', text: teacherName },
    { label: price ? 'Paid' : 'Price', text: price ?? 'Free' },
    { label: 'Booking reference', text: singleLine(booking.uid) },
  ];

  const text = [
    greeting(booking.attendee.name),
    '',
    `Your booking with ${tenantName} is confirmed.`,
    '',
    ...detailsText(details),
    '',
    policyHeading,
    ...policyLines.map((line) => `- ${line}`),
    '',
    `Manage or cancel your booking: ${manageUrl}`,
    '',
    'A calendar invitation (invite.ics) is attached.',
    '',
    `See you there,\n${tenantName}`,
  ].join('\n');

  const html = layout(
    'Your booking is confirmed',
    [
      para(greeting(booking.attendee.name)),
      para(`Your booking with ${tenantName} is confirmed.`),
      detailsHtml(details),
      `<h2 style="${H2_STYLE}">${policyHeading}</h2>`,
      `<ul style="margin:0 0 16px;padding-left:20px">${policyLines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`,
      button(manageUrl, 'Manage your booking'),
      para('A calendar invitation (invite.ics) is attached.', MUTED),
    ].join(''),
  );

  const ics = buildIcs({
    method: 'REQUEST',
    uid: input.icsUid,
    sequence: input.icsSequence ?? 0,
    now,
    start: booking.startTime,
    end: booking.endTime,
    summary: booking.title,
    description: [
      `${booking.title} with ${teacher.name} (${tenant.name})`,
      location.type === 'in_person' ? `Address: ${location.value}` : `Join: ${location.value}`,
      `Manage or cancel your booking: ${input.manageUrl}`,
    ].join('\n'),
    location: location.value,
    url: location.type === 'in_person' ? undefined : location.value,
    organizer: { name: tenant.name, email: input.organizerEmail },
    attendee: { name: booking.attendee.name, email: booking.attendee.email },
  });

  return {
    to: address(booking.attendee.email),
    subject: subject(`Booking confirmed: ${title} on ${formatShort(booking.startTime, zone)}`),
    text,
    html,
    attachments: [
      { filename: 'invite.ics', content: ics, contentType: ICS_CONTENT_TYPE.REQUEST, encoding: 'utf8' },
    ],
  };
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

  const html = layout(
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

  const ics = buildIcs({
    method: 'CANCEL',
    uid: input.icsUid,
    sequence: input.icsSequence ?? 1,
    now: input.now,
    start: booking.startTime,
    end: booking.endTime,
    summary: booking.title,
    description: `Cancelled: ${booking.title} with ${teacher.name} (${tenant.name})`,
    organizer: { name: tenant.name, email: input.organizerEmail },
    attendee: { name: booking.attendee.name, email: booking.attendee.email },
  });

  return {
    to: address(booking.attendee.email),
    subject: subject(`Booking cancelled: ${title} on ${formatShort(booking.startTime, zone)}`),
    text,
    html,
    attachments: [
      { filename: 'cancel.ics', content: ics, contentType: ICS_CONTENT_TYPE.CANCEL, encoding: 'utf8' },
    ],
  };
}

/** The payment completed after the seat hold lapsed and the session filled up meanwhile: refunded in full. */
export function latePaymentRefundedEmail(input: LatePaymentRefundedInput): EmailPayload {
  const { tenant, booking, refund } = input;
  const zone = safeTimeZone(booking.attendee.timeZone);
  const when = formatRange(booking.startTime, booking.endTime, zone);
  const title = singleLine(booking.title);
  const tenantName = singleLine(tenant.name);
  const amount = formatMoney(refund.amount, refund.currency);
  const bookAgainUrl = input.bookAgainUrl ? singleLine(input.bookAgainUrl) : '';

  const explanation =
    `Your payment for ${title} (${when}) arrived after the hold on your seat had expired, ` +
    'and in the meantime the session filled up, so we could not confirm your booking.';
  const refundLine =
    refund.status === 'completed'
      ? `We have refunded ${amount} in full to your original payment method. Depending on your bank, it can take 5–10 business days to show on your statement.`
      : `We have started a full refund of ${amount} to your original payment method. Depending on your bank, it can take 5–10 business days to show on your statement.`;
  const apology = 'We are sorry for the inconvenience.';

  const text = [
    greeting(booking.attendee.name),
    '',
    explanation,
    '',
    refundLine,
    '',
    apology,
    ...(bookAgainUrl ? ['', `Pick another session: ${bookAgainUrl}`] : []),
    '',
    tenantName,
  ].join('\n');

  const html = layout(
    'Your payment has been refunded',
    [
      para(greeting(booking.attendee.name)),
      para(explanation),
      para(refundLine),
      para(apology),
      bookAgainUrl ? button(bookAgainUrl, 'Pick another session') : '',
    ].join(''),
  );

  return {
    to: address(booking.attendee.email),
    subject: subject(`Payment refunded: ${title} was fully booked`),
    text,
    html,
  };
}

// ---------------------------------------------------------------------------------------------
// Staff e-mails

export function staffBookingNotificationEmail(input: StaffBookingNotificationInput): EmailPayload {
  const { to, tenant, booking, paid } = input;
  const zone = safeTimeZone(to.timeZone);
  const title = singleLine(booking.title);
  const student = singleLine(booking.attendee.name) || singleLine(booking.attendee.email);
  const details: Detail[] = [
    { label: 'Workshop', text: title },
    { label: 'When', text: formatRange(booking.startTime, booking.endTime, zone) },
    { label: 'Student', text: studentText(booking.attendee) },
    {
      label: 'Payment',
      text: paid && paid.amount > 0 ? `${formatMoney(paid.amount, paid.currency)} paid` : 'Free',
    },
    { label: 'Seats left', text: seatsText(input.seatsLeft) },
    { label: 'Booking reference', text: singleLine(booking.uid) },
  ];
  return staffEmail({
    to,
    heading: 'New booking',
    intro: `${student} booked ${title} (${singleLine(tenant.name)}).`,
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
  const html = layout(
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

// ---------------------------------------------------------------------------------------------
// Wording

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
      `You can cancel online until ${formatDateTime(cancelBy, zone)}, ${hoursText(noticeHours)} before the start.`,
    );
  } else {
    lines.push(
      `Online cancellation closes ${hoursText(noticeHours)} before the start, so it has already closed for this booking. ` +
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
      `Cancel by ${formatDateTime(refundBy, zone)}, ${hoursText(refundHours)} before the start, for a full refund of ${price}; ` +
        'cancellations after that are not refunded.',
    );
  } else {
    lines.push(
      `Refunds are given for cancellations at least ${hoursText(refundHours)} before the start; ` +
        'that deadline has already passed, so cancelling this booking would not be refunded.',
    );
  }
  return lines;
}

function studentRefundText(refund: RefundInfo, tenantName: string): string {
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

function staffRefundText(refund: RefundInfo): string {
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

function hoursText(hours: number): string {
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

function greeting(name: string): string {
  const clean = singleLine(name);
  return clean ? `Hello ${clean},` : 'Hello,';
}

function locationText(location: BookingLocation): string {
  const value =
    location.type === 'in_person'
      ? multiLine(location.value).split('\n').filter(Boolean).join(', ')
      : singleLine(location.value);
  return `${LOCATION_LABELS[location.type]} — ${value}`;
}

// ---------------------------------------------------------------------------------------------
// Formatting

// Building an Intl formatter costs far more than using one; e-mails are rendered while a booking
// is taken, so formatters are kept per zone. The sets are small and bounded by the zones in use.
const zones = new Map<string, string>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A valid IANA zone as given, or UTC: a bad zone must not stop an e-mail from being written. */
function safeTimeZone(timeZone: string): string {
  let zone = zones.get(timeZone);
  if (zone === undefined) {
    try {
      zone = new Intl.DateTimeFormat('en-GB', { timeZone }).resolvedOptions().timeZone;
    } catch {
      zone = 'UTC';
    }
    if (zones.size < 1000) zones.set(timeZone, zone);
  }
  return zone;
}

function dateFormat(timeZone: string, style: 'long' | 'short'): Intl.DateTimeFormat {
  const key = `${timeZone} ${style}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: style,
      day: 'numeric',
      month: style,
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'shortOffset',
    });
    dateFormats.set(key, format);
  }
  return format;
}

interface LocalParts {
  date: string;
  time: string;
  /** "GMT-5" */
  offset: string;
}

function localParts(date: Date, timeZone: string, style: 'long' | 'short'): LocalParts {
  const parts = dateFormat(timeZone, style).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    date: `${part('weekday')}, ${part('day')} ${part('month')} ${part('year')}`,
    time: `${part('hour')}:${part('minute')}`,
    offset: part('timeZoneName'),
  };
}

/**
 * "Sunday, 1 December 2024, 09:00–10:00 (America/New_York)"; both dates when it spans midnight,
 * and both UTC offsets when a DST change falls inside it ("01:30 GMT-4 – 01:30 GMT-5" is an hour).
 */
export function formatRange(start: Date, end: Date, timeZone: string): string {
  const zone = safeTimeZone(timeZone);
  const from = localParts(start, zone, 'long');
  const to = localParts(end, zone, 'long');
  const offsetChanges = from.offset !== to.offset;
  const fromTime = offsetChanges ? `${from.time} ${from.offset}` : from.time;
  const toTime = offsetChanges ? `${to.time} ${to.offset}` : to.time;
  return from.date === to.date
    ? `${from.date}, ${fromTime}${offsetChanges ? ' – ' : '–'}${toTime} (${zone})`
    : `${from.date}, ${fromTime} – ${to.date}, ${toTime} (${zone})`;
}

/** "Saturday, 30 November 2024, 09:00 (America/New_York)". */
export function formatDateTime(date: Date, timeZone: string): string {
  const zone = safeTimeZone(timeZone);
  const local = localParts(date, zone, 'long');
  return `${local.date}, ${local.time} (${zone})`;
}

/** "Sun, 1 Dec 2024, 09:00 (America/New_York)", for subjects. */
function formatShort(date: Date, zone: string): string {
  const local = localParts(date, zone, 'short');
  return `${local.date}, ${local.time} (${zone})`;
}

// ---------------------------------------------------------------------------------------------
// Sanitising and HTML

/** One line: control characters and line separators become spaces, white space is collapsed. */
function singleLine(value: string): string {
  return value
    .toWellFormed()
    .replace(/[\p{Cc}\u2028\u2029]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Keeps line breaks (normalised to \n) and drops other control characters. */
function multiLine(value: string): string {
  return value
    .toWellFormed()
    .replace(/\r\n|[\r\u0085\u2028\u2029]/g, '\n')
    .replace(/[^\P{Cc}\n\t]/gu, '')
    .replace(/[ \t]+\n/g, '\n')
    .trim();
}

function subject(value: string): string {
  return singleLine(value);
}

function address(email: string): string {
  return email.replace(/[\p{Cc}\s]/gu, '');
}

interface Detail {
  label: string;
  text: string;
  /** Turns the value into a link when it is an http(s) URL. */
  href?: string | undefined;
}

function detailsText(details: Detail[]): string[] {
  return details.map((d) => `${d.label}: ${d.text.replace(/\n/g, '\n  ')}`);
}

function detailsHtml(details: Detail[]): string {
  const rows = details
    .map((d) => {
      const url = d.href ? safeHttpUrl(d.href) : null;
      const value = url ? anchor(url, d.text) : multilineHtml(d.text);
      return `<tr><td style="padding:4px 16px 4px 0;color:#5a6270;vertical-align:top;white-space:nowrap">${escapeHtml(d.label)}</td><td style="padding:4px 0;vertical-align:top">${value}</td></tr>`;
    })
    .join('');
  return `<table role="presentation" style="border-collapse:collapse;margin:0 0 16px">${rows}</table>`;
}

const P_STYLE = 'margin:0 0 16px';
const H2_STYLE = 'font-size:16px;margin:24px 0 8px';
const MUTED = 'color:#5a6270;font-size:14px';

function para(text: string, style?: string): string {
  return `<p style="${P_STYLE}${style ? `;${style}` : ''}">${multilineHtml(text)}</p>`;
}

function multilineHtml(text: string): string {
  return escapeHtml(text).replace(/\n/g, '<br>');
}

/** The URL if it is an absolute http(s) URL, otherwise null (no `javascript:` links). */
function safeHttpUrl(value: string): string | null {
  const trimmed = singleLine(value);
  if (!URL.canParse(trimmed)) return null;
  const url = new URL(trimmed);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}

function anchor(href: string, label: string): string {
  const url = safeHttpUrl(href);
  if (!url) return escapeHtml(label);
  return `<a href="${escapeHtml(url)}" style="color:#0b5cd5">${escapeHtml(label)}</a>`;
}

function button(href: string, label: string): string {
  const url = safeHttpUrl(href);
  if (!url) return para(`${label}: ${href}`);
  return `<p style="margin:24px 0"><a href="${escapeHtml(url)}" style="display:inline-block;padding:10px 18px;background:#0b5cd5;color:#ffffff;text-decoration:none;border-radius:8px;font-weight:600">${escapeHtml(label)}</a></p>`;
}

function layout(heading: string, content: string): string {
  return (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width,initial-scale=1">' +
    `<title>${escapeHtml(heading)}</title></head>` +
    '<body style="margin:0;padding:24px 12px;background:#f6f7f9;color:#1d2330;font:16px/1.5 system-ui,-apple-system,\'Segoe UI\',Roboto,sans-serif">' +
    '<div style="max-width:560px;margin:0 auto;padding:24px;background:#ffffff;border-radius:12px">' +
    `<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(heading)}</h1>${content}</div></body></html>`
  );
}

// The booking e-mails, pages and notifications format money the same way.
export { formatMoney };
