import { singleLine } from '../../../lib/single-line.ts';

// RFC 5545 iCalendar invites: one VEVENT per booking, sent as METHOD:REQUEST when a booking is
// confirmed and METHOD:CANCEL (same UID, higher SEQUENCE) when it is cancelled. A recurring
// series' confirmation carries one VEVENT per occurrence, each with its booking's own UID, so
// cancelling one occurrence later removes just that event.

export const ICS_PRODID = '-//Immersio//Booking Service//EN';

/** Content lines longer than this many octets (UTF-8 bytes, CRLF excluded) are folded. */
export const ICS_MAX_LINE_OCTETS = 75;

export interface IcsPerson {
  /** Display name, sent as the CN parameter; may be empty. */
  name: string;
  email: string;
}

export interface IcsInput {
  /** REQUEST adds or updates the event (STATUS:CONFIRMED); CANCEL removes it (STATUS:CANCELLED). */
  method: 'REQUEST' | 'CANCEL';
  /** Stable across every invite for one booking, e.g. `<bookingUid>@<host>`. */
  uid: string;
  /** Revision number: a later invite for the same UID (an update or a cancel) must use a higher one. */
  sequence: number;
  /** When the invite is generated (DTSTAMP). */
  now: Date;
  start: Date;
  end: Date;
  summary: string;
  description?: string | undefined;
  location?: string | undefined;
  url?: string | undefined;
  organizer: IcsPerson;
  attendee: IcsPerson;
  prodId?: string | undefined;
  /**
   * The language of DESCRIPTION (issue 18; RFC 5545 LANGUAGE parameter), left out for English.
   * SUMMARY is the school's own title, written in whatever language they wrote it.
   */
  language?: string | undefined;
  /** A series: one event per occurrence (replacing uid/start/end/description above). */
  occurrences?: IcsOccurrence[] | undefined;
}

export interface IcsOccurrence {
  uid: string;
  start: Date;
  end: Date;
  description?: string | undefined;
}

/** Builds a complete VCALENDAR with CRLF line endings, folded at 75 octets. */
export function buildIcs(input: IcsInput): string {
  if (!Number.isSafeInteger(input.sequence) || input.sequence < 0) {
    throw new RangeError(`ICS sequence must be a non-negative integer, got ${input.sequence}`);
  }
  const events = input.occurrences ?? [input];
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    `PRODID:${escapeText(input.prodId ?? ICS_PRODID)}`,
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    `METHOD:${input.method}`,
    ...events.flatMap((event) => eventLines(input, event)),
    'END:VCALENDAR',
  ];
  return lines.map((line) => `${foldLine(line)}\r\n`).join('');
}

function eventLines(input: IcsInput, event: IcsOccurrence): string[] {
  if (event.end.getTime() <= event.start.getTime()) {
    throw new RangeError('ICS event must end after it starts');
  }
  const uid = stripControls(event.uid).trim();
  if (!uid) throw new RangeError('ICS UID must not be empty');
  const cancel = input.method === 'CANCEL';
  const lines = [
    'BEGIN:VEVENT',
    `UID:${escapeText(uid)}`,
    `SEQUENCE:${input.sequence}`,
    `DTSTAMP:${formatIcsUtc(input.now)}`,
    `DTSTART:${formatIcsUtc(event.start)}`,
    `DTEND:${formatIcsUtc(event.end)}`,
    `SUMMARY:${escapeText(input.summary)}`,
  ];
  if (event.description) {
    const tag = input.language && input.language !== 'en' ? languageParam(input.language) : '';
    lines.push(`DESCRIPTION${tag}:${escapeText(event.description)}`);
  }
  if (input.location) lines.push(`LOCATION:${escapeText(input.location)}`);
  const url = input.url && uriValue(input.url);
  if (url) lines.push(`URL:${url}`);
  lines.push(
    `ORGANIZER${cnParam(input.organizer.name)}:${mailto(input.organizer.email)}`,
    `ATTENDEE${cnParam(input.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:${mailto(input.attendee.email)}`,
    `STATUS:${cancel ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
  );
  return lines;
}

/** `20241201T140000Z`: UTC, whole seconds. */
export function formatIcsUtc(date: Date): string {
  const time = date.getTime();
  if (Number.isNaN(time)) throw new RangeError('ICS date is invalid');
  const year = date.getUTCFullYear();
  if (year < 0 || year > 9999) throw new RangeError(`ICS date out of range: year ${year}`);
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/**
 * TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon and comma are escaped, every
 * line break (CRLF, CR, LF, NEL, U+2028/9) becomes `\n`, and other control characters, which
 * TEXT does not allow (HTAB aside), are dropped.
 */
export function escapeText(value: string): string {
  return value
    .toWellFormed()
    .replace(/\r\n|[\r\n\u0085\u2028\u2029]/g, '\n')
    .replace(/[^\P{Cc}\t\n]/gu, '')
    .replace(/[\\;,\n]/g, (char) => (char === '\n' ? '\\n' : `\\${char}`));
}

/**
 * Splits a content line so each physical line is at most 75 octets of UTF-8 (RFC 5545 §3.1),
 * continuation lines starting with one space. Never splits inside a code point.
 */
export function foldLine(line: string): string {
  if (utf8Length(line) <= ICS_MAX_LINE_OCTETS) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  // The first line holds 75 octets; a continuation's leading space takes one of its 75.
  let limit = ICS_MAX_LINE_OCTETS;
  for (const char of line) {
    const octets = codePointOctets(char.codePointAt(0)!);
    if (size + octets > limit) {
      parts.push(current);
      current = '';
      size = 0;
      limit = ICS_MAX_LINE_OCTETS - 1;
    }
    current += char;
    size += octets;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

export function utf8Length(value: string): number {
  let octets = 0;
  for (const char of value) octets += codePointOctets(char.codePointAt(0)!);
  return octets;
}

function codePointOctets(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

/** Removes every control character (CR and LF included) and lone surrogates. */
function stripControls(value: string): string {
  return value.toWellFormed().replace(/[\p{Cc}\u2028\u2029]/gu, '');
}

/** URI values are not TEXT-escaped; a URI has no white space or control characters. */
function uriValue(value: string): string {
  return value.toWellFormed().replace(/[\p{Cc}\s]/gu, '');
}

/** `;LANGUAGE=pt-BR`: a BCP 47 tag, nothing else, or no parameter at all. */
function languageParam(tag: string): string {
  return /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(tag) ? `;LANGUAGE=${tag}` : '';
}

function mailto(email: string): string {
  return `mailto:${uriValue(email)}`;
}

/**
 * `;CN=…`, or nothing for an empty name. A parameter value cannot hold a double quote or a
 * line break: quotes become apostrophes (RFC 6868's `^'` shows up raw in clients that lack it)
 * and carets that would read as an RFC 6868 escape are doubled. Quoted when it contains `;:,`.
 */
function cnParam(name: string): string {
  const value = singleLine(name)
    .replace(/"/g, "'")
    .replace(/\^(?=[n'^])/g, '^^');
  if (!value) return '';
  return /[;:,]/.test(value) ? `;CN="${value}"` : `;CN=${value}`;
}
