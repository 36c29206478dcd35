import { escapeHtml } from '../../../lib/html.ts';
import { type Translator, trustedHtml } from '../../../lib/i18n/translator.ts';
import type { EmailPayload } from '../../../lib/mailer.ts';
import { singleLine } from '../../../lib/single-line.ts';
import type { LabelledAnswer } from '../../workshops/booking-answers.ts';
import { safeTimeZone } from '../emails/email-format.ts';
import { anchor, emailLayout, H2_STYLE, MUTED, multilineHtml, P_STYLE, para } from '../emails/email-html.ts';
import { ENGLISH_TR, greetingIn, locationTextIn, readerTranslator } from '../emails/email-language.ts';
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
  /** `language`: the teacher's own (`users.language`, issue 18); English when absent. */
  teacher: { name: string; email: string; timeZone: string; language?: string | null | undefined };
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

/** "Thursday, 10 December 2026" for 2026-12-10 (a calendar date, no zone of its own). */
export function digestDayLabel(localDate: string, tr: Translator = ENGLISH_TR): string {
  return tr.date(new Date(`${localDate}T12:00:00Z`), 'UTC', 'long');
}

function seatsText(tr: Translator, session: DigestEmailSession): string {
  return tr.t('staffEmail.digest.seats', { booked: session.bookedSeats, seats: session.seats });
}

function attendeeText(tr: Translator, a: DigestAttendee): string[] {
  const paying = a.pending ? ` (${tr.t('staffEmail.digest.payingNow')})` : '';
  const line = `  - ${singleLine(a.name)} <${address(a.email)}>${paying}`;
  const answers = a.answers.map(
    (x) => `      ${singleLine(x.label)}: ${multiLine(x.answer).replace(/\n/g, '\n        ')}`,
  );
  return [line, ...answers];
}

function sessionText(tr: Translator, s: DigestEmailSession, zone: string): string[] {
  return [
    `${clock(s.startTime, zone)}–${clock(s.endTime, zone)}  ${singleLine(s.title)}`,
    ...(s.location ? [`  ${tr.t('email.label.where')}: ${locationTextIn(tr, s.location)}`] : []),
    `  ${seatsText(tr, s)}`,
    ...(s.attendees.length === 0
      ? [`  ${tr.t('staffEmail.digest.noOne')}`]
      : s.attendees.flatMap((a) => attendeeText(tr, a))),
    `  ${tr.t('staffEmail.digest.roster', { url: singleLine(s.rosterUrl) })}`,
  ];
}

function attendeeHtml(tr: Translator, a: DigestAttendee): string {
  const paying = a.pending
    ? ` <span style="${MUTED}">(${escapeHtml(tr.t('staffEmail.digest.payingNow'))})</span>`
    : '';
  const who = `${escapeHtml(singleLine(a.name))} &lt;${escapeHtml(address(a.email))}&gt;${paying}`;
  const answers = a.answers
    .map(
      (x) =>
        `<br><span style="${MUTED}">${escapeHtml(singleLine(x.label))}:</span> ${multilineHtml(multiLine(x.answer))}`,
    )
    .join('');
  return `<li style="margin:0 0 6px">${who}${answers}</li>`;
}

function sessionHtml(tr: Translator, s: DigestEmailSession, zone: string): string {
  const where = s.location
    ? `<p style="${P_STYLE}">${
        s.location.type === 'in_person'
          ? multilineHtml(locationTextIn(tr, s.location))
          : anchor(s.location.value, locationTextIn(tr, s.location))
      }</p>`
    : '';
  const roster =
    s.attendees.length === 0
      ? para(tr.t('staffEmail.digest.noOne'), MUTED)
      : `<ul style="margin:0 0 16px;padding-left:20px">${s.attendees.map((a) => attendeeHtml(tr, a)).join('')}</ul>`;
  return (
    `<h2 style="${H2_STYLE}">${escapeHtml(`${clock(s.startTime, zone)}–${clock(s.endTime, zone)} ${singleLine(s.title)}`)}</h2>` +
    where +
    para(seatsText(tr, s), MUTED) +
    roster +
    `<p style="${P_STYLE};${MUTED}">${anchor(s.rosterUrl, tr.t('staffEmail.digest.openRoster'))}</p>`
  );
}

export function teacherDigestEmail(input: TeacherDigestInput): EmailPayload {
  const tr = readerTranslator(input.teacher.language);
  const zone = safeTimeZone(input.teacher.timeZone);
  const day = digestDayLabel(input.localDate, tr);
  const tenantName = singleLine(input.tenant.name);
  const count = input.sessions.length;
  const intro = tr.t('staffEmail.digest.intro', { count, school: tenantName, day, zone });
  const greeting = greetingIn(tr, input.teacher.name);
  const accountLink = anchor(input.accountUrl, tr.t('staffEmail.digest.accountPage'));
  const text = [
    greeting,
    '',
    intro,
    '',
    ...input.sessions.flatMap((s) => [...sessionText(tr, s, zone), '']),
    tr.t('staffEmail.digest.footerText', { url: singleLine(input.accountUrl) }),
  ].join('\n');
  const html = emailLayout(
    tr.t('staffEmail.digest.heading', { school: tenantName }),
    [
      para(greeting),
      para(intro),
      ...input.sessions.map((s) => sessionHtml(tr, s, zone)),
      `<p style="${P_STYLE};${MUTED}">${tr.html('staffEmail.digest.footerHtml', { link: trustedHtml(accountLink) })}</p>`,
    ].join(''),
    tr.locale,
  );
  return {
    to: address(input.teacher.email),
    subject: subject(tr.t('staffEmail.digest.subject', { school: tenantName, count, day })),
    text,
    html,
    language: tr.locale,
  };
}
