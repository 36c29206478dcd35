// Dates and times in English as the booking e-mails wrote them before issue 18 (the manage page
// and the tests still use them); e-mails now write through the reader's translator (`tr.range`…),
// whose English output is the same. Places, greetings and money: email-language.ts.

// Building an Intl formatter costs far more than using one; e-mails are rendered while a booking
// is taken, so formatters are kept per zone. The sets are small and bounded by the zones in use.
const zones = new Map<string, string>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A valid IANA zone as given, or UTC: a bad zone must not stop an e-mail from being written. */
export function safeTimeZone(timeZone: string): string {
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
export function formatShort(date: Date, zone: string): string {
  const local = localParts(date, zone, 'short');
  return `${local.date}, ${local.time} (${zone})`;
}
