import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { isValidTimeZone } from '../../lib/time-zones.ts';

/** How far ahead a feed's events are expanded into busy times. */
export const FEED_HORIZON_DAYS = 120;
/** Occurrences looked at per recurring event (a minutely rule since 2010 must not spin). */
const MAX_ITERATIONS_PER_EVENT = 50_000;
/** Busy times kept per feed, earliest first. */
export const MAX_BUSY_PER_FEED = 5_000;
/** An occurrence moved by a RECURRENCE-ID override may land this much earlier than its slot. */
const MOVED_OCCURRENCE_SLACK_MS = 31 * 86_400_000;

export interface FeedBusy {
  start: Date;
  end: Date;
}

export interface ExpandOptions {
  from: Date;
  to: Date;
  /** Where floating times (no zone) and all-day dates are read: the teacher's own zone. */
  floatingZone: string;
}

export class FeedParseError extends Error {
  override name = 'FeedParseError';
}

/**
 * The times a feed says its owner is busy within [from, to), merged where they overlap: every
 * VEVENT and every occurrence of a recurring one (RRULE, RDATE, EXDATE, RECURRENCE-ID overrides),
 * minus what a calendar app would show as free (see `blocks`).
 */
export function busyTimesFromIcs(text: string, options: ExpandOptions): FeedBusy[] {
  let calendars: ICAL.Component[];
  try {
    const parsed = ICAL.parse(text);
    const jcals = (Array.isArray(parsed[0]) ? parsed : [parsed]) as unknown[][];
    calendars = jcals.map((jcal) => new ICAL.Component(jcal));
  } catch (error) {
    throw new FeedParseError(`not an iCalendar file (${(error as Error).message})`);
  }
  if (calendars.length === 0 || calendars.some((c) => c.name !== 'vcalendar')) {
    throw new FeedParseError('not an iCalendar file (no VCALENDAR)');
  }
  const from = options.from.getTime();
  const to = options.to.getTime();
  const busy: FeedBusy[] = [];
  const add = (start: number, end: number) => {
    if (end > from && start < to && end > start) busy.push({ start: new Date(start), end: new Date(end) });
  };
  for (const calendar of calendars) {
    const { masters, exceptions } = groupByUid(calendar.getAllSubcomponents('vevent'));
    for (const [uid, master] of masters) {
      const event = new ICAL.Event(master, { exceptions: exceptions.get(uid) ?? [] });
      exceptions.delete(uid);
      if (event.isRecurring()) expandRecurring(event, options, add);
      else if (blocks(event.component))
        add(...span(event.component, event.startDate, event.endDate, options));
    }
    // Overrides whose series is not in the feed (an invitation to one occurrence) stand alone.
    for (const orphans of exceptions.values()) {
      for (const component of orphans) {
        const event = new ICAL.Event(component);
        if (blocks(component)) add(...span(component, event.startDate, event.endDate, options));
      }
    }
  }
  return merge(busy).slice(0, MAX_BUSY_PER_FEED);
}

function groupByUid(vevents: ICAL.Component[]) {
  const masters = new Map<string, ICAL.Component>();
  const exceptions = new Map<string, ICAL.Component[]>();
  vevents.forEach((vevent, index) => {
    if (!vevent.hasProperty('dtstart')) return;
    // A VEVENT without a UID is invalid, but some exporters write them: each is its own event.
    const uid = String(vevent.getFirstPropertyValue('uid') ?? `no-uid-${index}`);
    if (vevent.hasProperty('recurrence-id')) {
      exceptions.set(uid, [...(exceptions.get(uid) ?? []), vevent]);
    } else if (!masters.has(uid)) {
      masters.set(uid, vevent);
    }
  });
  return { masters, exceptions };
}

function expandRecurring(
  event: ICAL.Event,
  options: ExpandOptions,
  add: (start: number, end: number) => void,
) {
  const stopAt = options.to.getTime() + MOVED_OCCURRENCE_SLACK_MS;
  const iterator = event.iterator();
  for (let i = 0; i < MAX_ITERATIONS_PER_EVENT; i++) {
    const occurrence = iterator.next();
    if (!occurrence) return;
    const startProperty = event.component.getFirstProperty('dtstart');
    if (toInstant(occurrence, tzidOf(startProperty), options) >= stopAt) return;
    const details = event.getOccurrenceDetails(occurrence);
    const item = details.item.component;
    if (blocks(item)) add(...span(item, details.startDate, details.endDate, options));
  }
}

/**
 * Whether an event keeps its owner busy, as calendar apps decide it: not when cancelled, not when
 * shown as free (Outlook's X-MICROSOFT-CDO-BUSYSTATUS first, else TRANSP). All-day events are
 * free unless marked busy, as Google, Apple and Outlook create them; timed events are busy unless
 * marked free (RFC 5545's default).
 */
function blocks(vevent: ICAL.Component): boolean {
  const status = String(vevent.getFirstPropertyValue('status') ?? '').toUpperCase();
  if (status === 'CANCELLED') return false;
  const busyStatus = String(vevent.getFirstPropertyValue('x-microsoft-cdo-busystatus') ?? '').toUpperCase();
  if (busyStatus === 'FREE' || busyStatus === 'WORKINGELSEWHERE') return false;
  if (busyStatus === 'BUSY' || busyStatus === 'OOF' || busyStatus === 'TENTATIVE') return true;
  const transp = String(vevent.getFirstPropertyValue('transp') ?? '').toUpperCase();
  if (transp === 'TRANSPARENT') return false;
  if (transp === 'OPAQUE') return true;
  const start = vevent.getFirstPropertyValue('dtstart');
  return !(start instanceof ICAL.Time && start.isDate);
}

function span(
  vevent: ICAL.Component,
  start: ICAL.Time,
  end: ICAL.Time | undefined,
  options: ExpandOptions,
): [number, number] {
  const startZone = tzidOf(vevent.getFirstProperty('dtstart'));
  const from = toInstant(start, startZone, options);
  // No DTEND nor DURATION: a timed event lasts no time, a date one day (RFC 5545 3.6.1).
  if (!end || end.compare(start) <= 0) {
    if (!start.isDate) return [from, from];
    const next = start.clone();
    next.day += 1;
    return [from, toInstant(next, startZone, options)];
  }
  const endZone = vevent.hasProperty('dtend') ? tzidOf(vevent.getFirstProperty('dtend')) : startZone;
  return [from, toInstant(end, endZone, options)];
}

function tzidOf(property: ICAL.Property | null): string | null {
  const tzid = property?.getParameter('tzid');
  return typeof tzid === 'string' ? tzid : null;
}

/**
 * A feed time as an instant. An IANA TZID is read with the runtime's zone data (fresher than a
 * feed's VTIMEZONE); another TZID (Outlook's "W. Europe Standard Time") through the feed's own
 * VTIMEZONE; UTC as is; floating times and dates in the teacher's zone.
 */
function toInstant(time: ICAL.Time, tzid: string | null, options: ExpandOptions): number {
  if (time.zone === ICAL.Timezone.utcTimezone) return time.toUnixTime() * 1000;
  const ianaZone = tzid && isValidTimeZone(tzid) ? tzid : undefined;
  const definedInFeed = time.zone && time.zone !== ICAL.Timezone.localTimezone && time.zone.component;
  if (!ianaZone && definedInFeed) return time.toUnixTime() * 1000;
  const wall = DateTime.fromObject(
    {
      year: time.year,
      month: time.month,
      day: time.day,
      hour: time.isDate ? 0 : time.hour,
      minute: time.isDate ? 0 : time.minute,
      second: time.isDate ? 0 : time.second,
    },
    { zone: ianaZone ?? options.floatingZone },
  );
  return wall.toMillis();
}

function merge(busy: FeedBusy[]): FeedBusy[] {
  busy.sort((a, b) => a.start.getTime() - b.start.getTime());
  const merged: FeedBusy[] = [];
  for (const entry of busy) {
    const last = merged.at(-1);
    if (last && entry.start.getTime() <= last.end.getTime()) {
      if (entry.end.getTime() > last.end.getTime()) last.end = entry.end;
    } else {
      merged.push({ start: entry.start, end: entry.end });
    }
  }
  return merged;
}
