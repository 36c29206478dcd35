import { intlLocale } from '../../lib/i18n/i18n.tsx';
import { instantToZoned, zonedToInstant } from '../../lib/zoned-time.ts';

/**
 * Small calendar date math for the staff calendar; zones go through the workshop form's
 * `Intl`-based helpers (no date library in the app bundle). A `Day` is a civil date `YYYY-MM-DD` with no zone; instants are `Date`s. Weeks
 * start on Monday (ISO 8601), whatever the browser's locale, so a linked week is the same for all.
 */
export type Day = string;

const DAY_MS = 86_400_000;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function parseDay(day: Day): { year: number; month: number; date: number } {
  const [year = 1970, month = 1, date = 1] = day.split('-').map(Number);
  return { year, month, date };
}

/** Midnight UTC of the day: civil arithmetic without any zone getting in the way. */
function utcMidnight(day: Day): number {
  const { year, month, date } = parseDay(day);
  return Date.UTC(year, month - 1, date);
}

function dayFromUtc(ms: number): Day {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function addDays(day: Day, days: number): Day {
  return dayFromUtc(utcMidnight(day) + days * DAY_MS);
}

/** The first day of the month `months` after the day's month. */
export function addMonths(day: Day, months: number): Day {
  const { year, month } = parseDay(day);
  return dayFromUtc(Date.UTC(year, month - 1 + months, 1));
}

export function startOfMonth(day: Day): Day {
  return addMonths(day, 0);
}

/** The Monday of the day's week. */
export function startOfWeek(day: Day): Day {
  const mondayBased = (new Date(utcMidnight(day)).getUTCDay() + 6) % 7;
  return addDays(day, -mondayBased);
}

/** Every day from `first` up to, not including, `end`. */
export function daysBetween(first: Day, end: Day): Day[] {
  const days: Day[] = [];
  for (let day = first; day < end; day = addDays(day, 1)) days.push(day);
  return days;
}

export function sameMonth(a: Day, b: Day): boolean {
  return a.slice(0, 7) === b.slice(0, 7);
}

/** Formats a civil day (not an instant) with `Intl` options, e.g. `{ weekday: 'long' }`. */
export function formatDay(day: Day, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(intlLocale(), { ...options, timeZone: 'UTC' }).format(utcMidnight(day));
}

export function formatDayRange(first: Day, last: Day, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(intlLocale(), { ...options, timeZone: 'UTC' }).formatRange(
    utcMidnight(first),
    utcMidnight(last),
  );
}

/** The day an instant falls on in the zone. */
export function dayIn(instant: Date | number, timeZone: string): Day {
  return instantToZoned(typeof instant === 'number' ? new Date(instant) : instant, timeZone).date;
}

/**
 * The instant the day begins in the zone; where a DST change skips midnight, the first instant
 * that falls on the day (local 01:00).
 */
export function startOfDayIn(day: Day, timeZone: string): Date {
  const start = zonedToInstant(day, '00:00', timeZone);
  if (!start) throw new RangeError(`not a day in a known zone: ${day} ${timeZone}`);
  return start;
}
