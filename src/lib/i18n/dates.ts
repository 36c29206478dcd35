import type { Locale } from './locales.schema.ts';

// Dates and times as pages and e-mails write them, in the reader's language and zone. English
// keeps the house style ("Sunday, 1 December 2024, 09:00"); other languages take their own date
// order and words from Intl. Times are always 24-hour with the zone named after them, because a
// class is at one instant that students in several zones read.

/** Intl's locale for ours: English is written the British way (day before month, 24-hour). */
export function intlLocale(locale: Locale): string {
  return locale === 'en' ? 'en-GB' : locale;
}

// Building an Intl formatter costs far more than using one; pages and e-mails are rendered while
// a booking is taken, so formatters are kept per locale, zone and style (bounded below).
const formats = new Map<string, Intl.DateTimeFormat>();
const zones = new Map<string, string>();
const MAX_CACHED = 2000;

function cached(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let format = formats.get(key);
  if (!format) {
    format = make();
    if (formats.size < MAX_CACHED) formats.set(key, format);
  }
  return format;
}

/** A valid IANA zone as given, or UTC: a bad zone must not stop a page or e-mail from being written. */
export function safeTimeZone(timeZone: string): string {
  let zone = zones.get(timeZone);
  if (zone === undefined) {
    try {
      zone = new Intl.DateTimeFormat('en-GB', { timeZone }).resolvedOptions().timeZone;
    } catch {
      zone = 'UTC';
    }
    if (zones.size < MAX_CACHED) zones.set(timeZone, zone);
  }
  return zone;
}

export type DateStyle = 'long' | 'short';

interface LocalParts {
  date: string;
  time: string;
  /** "GMT-5" */
  offset: string;
}

function localParts(locale: Locale, date: Date, zone: string, style: DateStyle): LocalParts {
  const offsetFormat = cached(
    `offset ${zone}`,
    () => new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'shortOffset' }),
  );
  const offset = offsetFormat.formatToParts(date).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const time = cached(
    `time ${zone}`,
    () =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone: zone,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
  ).format(date);
  return { date: localDate(locale, date, zone, style), time, offset };
}

/** "Sunday, 1 December 2024" / "domingo, 1 de diciembre de 2024"; `short` abbreviates. */
export function localDate(locale: Locale, date: Date, zone: string, style: DateStyle = 'long'): string {
  const format = cached(
    `date ${locale} ${zone} ${style}`,
    () =>
      new Intl.DateTimeFormat(intlLocale(locale), {
        timeZone: zone,
        weekday: style,
        day: 'numeric',
        month: style,
        year: 'numeric',
      }),
  );
  if (locale !== 'en') return format.format(date);
  const parts = format.formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')}, ${part('day')} ${part('month')} ${part('year')}`;
}

/** "09:00" in the zone. */
export function localTime(date: Date, zone: string): string {
  return localParts('en', date, safeTimeZone(zone), 'short').time;
}

/**
 * "Sunday, 1 December 2024, 09:00–10:00 (America/New_York)"; both dates when it spans midnight,
 * and both UTC offsets when a DST change falls inside it ("01:30 GMT-4 – 01:30 GMT-5" is an hour).
 */
export function formatRange(locale: Locale, start: Date, end: Date, timeZone: string): string {
  const zone = safeTimeZone(timeZone);
  const from = localParts(locale, start, zone, 'long');
  const to = localParts(locale, end, zone, 'long');
  const offsetChanges = from.offset !== to.offset;
  const fromTime = offsetChanges ? `${from.time} ${from.offset}` : from.time;
  const toTime = offsetChanges ? `${to.time} ${to.offset}` : to.time;
  return from.date === to.date
    ? `${from.date}, ${fromTime}${offsetChanges ? ' – ' : '–'}${toTime} (${zone})`
    : `${from.date}, ${fromTime} – ${to.date}, ${toTime} (${zone})`;
}

/** "Saturday, 30 November 2024, 09:00 (America/New_York)". */
export function formatDateTime(locale: Locale, date: Date, timeZone: string): string {
  const zone = safeTimeZone(timeZone);
  const local = localParts(locale, date, zone, 'long');
  return `${local.date}, ${local.time} (${zone})`;
}

/** "Sun, 1 Dec 2024, 09:00 (America/New_York)", for subjects. */
export function formatShort(locale: Locale, date: Date, timeZone: string): string {
  const zone = safeTimeZone(timeZone);
  const local = localParts(locale, date, zone, 'short');
  return `${local.date}, ${local.time} (${zone})`;
}
