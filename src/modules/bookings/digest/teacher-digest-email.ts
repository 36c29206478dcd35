import { escapeHtml } from '../../../lib/html.ts';
import type { EmailPayload } from '../../../lib/mailer.ts';
import { singleLine } from '../../../lib/single-line.ts';
import type { LabelledAnswer } from '../../workshops/booking-answers.ts';
import { greeting, locationText, safeTimeZone } from '../emails/email-format.ts';
import { anchor, emailLayout, H2_STYLE, MUTED, multilineHtml, P_STYLE, para } from '../emails/email-html.ts';
import { address, multiLine, subject } from '../emails/email-sanitize.ts';
import type { BookingLocation } from '../emails/email-types.ts';

// The teacher's morning digest (issue 17): the day's sessions in their zone, each with its place
// or join link, seats, and who booked (with their answers to the workshop's questions). Pure:
// every input is passed in; everything the school or a student wrote is escaped in the HTML.

export interface DigestAttendee {
  name: string;
  email: string;
  /** Holding the seat while paying (a hold that lapses frees it). */
  pending: boolean;
  answers: LabelledAnswer[];
}

export interface DigestEmailSession {
  startTime: Date;
  endTime: Date;
  title: string;
  /** null: the workshop names no place. */
  location: BookingLocation | null;
  seats: number;
  bookedSeats: number;
  attendees: DigestAttendee[];
  /** The session's roster in the staff app. */
  rosterUrl: string;
}

export interface TeacherDigestInput {
  tenant: { name: string };
  teacher: { name: string; email: string; timeZone: string };
  /** The teacher's local day, YYYY-MM-DD. */
  localDate: string;
  sessions: DigestEmailSession[];
  /** The staff app's account page, where the digest is turned off. */
  accountUrl: string;
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** "09:00" in the zone. */
function clock(date: Date, zone: string): string {
  let format = timeFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    if (timeFormats.size < 1000) timeFormats.set(zone, format);
  }
  return format.format(date);
}

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** "Thursday, 10 December 2026" for 2026-12-10 (a calendar date, no zone of its own). */
export function digestDayLabel(localDate: string): string {
  return dayFormat.format(new Date(`${localDate}T12:00:00Z`));
}

function seatsText(session: DigestEmailSession): string {
  return `${session.bookedSeats} of ${session.seats} seats booked`;
}

function attendeeText(a: DigestAttendee): string[] {
  const line = `  - ${singleLine(a.name)} <${address(a.email)}>${a.pending ? ' (paying now)' : ''}`;
  const answers = a.answers.map(
    (x) => `      ${singleLine(x.label)}: ${multiLine(x.answer).replace(/\n/g, '\n        ')}`,
  );
  return [line, ...answers];
}

function sessionText(s: DigestEmailSession, zone: string): string[] {
  return [
    `${clock(s.startTime, zone)}–${clock(s.endTime, zone)}  ${singleLine(s.title)}`,
    ...(s.location ? [`  Where: ${locationText(s.location)}`] : []),
    `  ${seatsText(s)}`,
    ...(s.attendees.length === 0 ? ['  No one has booked yet.'] : s.attendees.flatMap(attendeeText)),
    `  Roster: ${singleLine(s.rosterUrl)}`,
  ];
}

function attendeeHtml(a: DigestAttendee): string {
  const who = `${escapeHtml(singleLine(a.name))} &lt;${escapeHtml(address(a.email))}&gt;${a.pending ? ` <span style="${MUTED}">(paying now)</span>` : ''}`;
  const answers = a.answers
    .map(
      (x) =>
        `<br><span style="${MUTED}">${escapeHtml(singleLine(x.label))}:</span> ${multilineHtml(multiLine(x.answer))}`,
    )
    .join('');
  return `<li style="margin:0 0 6px">${who}${answers}</li>`;
}

function sessionHtml(s: DigestEmailSession, zone: string): string {
  const where = s.location
    ? `<p style="${P_STYLE}">${
        s.location.type === 'in_person'
          ? multilineHtml(locationText(s.location))
          : anchor(s.location.value, locationText(s.location))
      }</p>`
    : '';
  const roster =
    s.attendees.length === 0
      ? para('No one has booked yet.', MUTED)
      : `<ul style="margin:0 0 16px;padding-left:20px">${s.attendees.map(attendeeHtml).join('')}</ul>`;
  return (
    `<h2 style="${H2_STYLE}">${escapeHtml(`${clock(s.startTime, zone)}–${clock(s.endTime, zone)} ${singleLine(s.title)}`)}</h2>` +
    where +
    para(seatsText(s), MUTED) +
    roster +
    `<p style="${P_STYLE};${MUTED}">${anchor(s.rosterUrl, 'Open the roster')}</p>`
  );
}

const FOOTER = 'You get this e-mail at 07:00 your time on the days you teach here. Turn it off on ';

export function teacherDigestEmail(input: TeacherDigestInput): EmailPayload {
  const zone = safeTimeZone(input.teacher.timeZone);
  const day = digestDayLabel(input.localDate);
  const tenantName = singleLine(input.tenant.name);
  const count = input.sessions.length;
  const intro = `Your ${count === 1 ? 'session' : `${count} sessions`} at ${tenantName} on ${day} (times in ${zone}):`;
  const text = [
    greeting(input.teacher.name),
    '',
    intro,
    '',
    ...input.sessions.flatMap((s) => [...sessionText(s, zone), '']),
    `${FOOTER}your account page: ${singleLine(input.accountUrl)}`,
  ].join('\n');
  const html = emailLayout(
    `Your day at ${tenantName}`,
    [
      para(greeting(input.teacher.name)),
      para(intro),
      ...input.sessions.map((s) => sessionHtml(s, zone)),
      `<p style="${P_STYLE};${MUTED}">${escapeHtml(FOOTER)}${anchor(input.accountUrl, 'your account page')}.</p>`,
    ].join(''),
  );
  return {
    to: address(input.teacher.email),
    subject: subject(`Today at ${tenantName}: ${count === 1 ? '1 session' : `${count} sessions`} (${day})`),
    text,
    html,
  };
}
