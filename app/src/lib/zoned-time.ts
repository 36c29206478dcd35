// Wall-clock dates and times in a named IANA zone (the teacher's), converted with Intl alone:
// the form types "2027-03-05 18:00" and the server plans in that zone.

export interface ZonedParts {
  /** `YYYY-MM-DD` */
  date: string;
  /** `HH:mm` (24-hour) */
  time: string;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

function wallClockMs(instant: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  return Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
}

/** The zone's offset from UTC at an instant, in minutes (New York in winter: -300). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  return Math.round((wallClockMs(instant, timeZone) - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The instant at which the wall clock in `timeZone` shows `date` `time`. A time skipped by a
 * DST jump moves forward by the gap (02:30 on the spring-forward night is 03:30), as the server
 * plans it; a repeated time (autumn) is its first occurrence. Undefined for malformed input.
 */
export function zonedToInstant(date: string, time: string, timeZone: string): Date | undefined {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t || !isValidTimeZone(timeZone)) return undefined;
  const wall = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  if (Number.isNaN(wall)) return undefined;
  // Two passes settle the offset: the guess's offset, then the offset at the corrected instant.
  const before = wall - offsetMinutes(new Date(wall), timeZone) * 60_000;
  const after = wall - offsetMinutes(new Date(before), timeZone) * 60_000;
  if (after === before) return new Date(before);
  // The offsets disagree around a transition: the earlier instant for a repeated hour, the
  // later offset applied to the wall time for a skipped one (moving it forward by the gap).
  const candidates = [before, after].filter((ms) => wallClockMs(new Date(ms), timeZone) === wall);
  return new Date(candidates.length > 0 ? Math.min(...candidates) : Math.max(before, after));
}

/** The wall-clock date and time of an instant in `timeZone`. */
export function instantToZoned(instant: Date, timeZone: string): ZonedParts {
  const iso = new Date(wallClockMs(instant, timeZone)).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** The last moment of a calendar day in `timeZone` (a series "until" that day includes it). */
export function endOfZonedDay(date: string, timeZone: string): Date | undefined {
  const start = zonedToInstant(date, '23:59', timeZone);
  return start ? new Date(start.getTime() + 59_999) : undefined;
}

/** Today's date in `timeZone`, `YYYY-MM-DD`. */
export function zonedToday(timeZone: string, now = new Date()): string {
  return instantToZoned(now, timeZone).date;
}
