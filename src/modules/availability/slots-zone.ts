import { IANAZone } from 'luxon';

// A zone's UTC offsets over a window as a few integer segments, so the slot computation converts
// wall-clock times and instants with arithmetic instead of a luxon object (and an Intl call) per
// slot. Offsets come from luxon's IANAZone (the runtime's tz database), sampled once a day and
// bisected to the second at each change; the samples are cached per zone and 32-day chunk.

export const MINUTE = 60_000;
export const DAY = 86_400_000;
const CHUNK_DAYS = 32;
const CHUNK = CHUNK_DAYS * DAY;

interface Chunk {
  /** The offset (ms) at the chunk's first instant. */
  first: number;
  /** Instants at which the offset changes inside the chunk, ascending, and the offset from each. */
  at: number[];
  offsets: number[];
}

// A zone has about one chunk a month: a process serving a few hundred zones over a year of dates
// holds a few thousand small entries; past the cap the cache starts over rather than grow.
const MAX_CHUNKS = 8192;
const chunks = new Map<string, Chunk>();
const zones = new Map<string, IANAZone>();

function zoneNamed(name: string): IANAZone {
  let zone = zones.get(name);
  if (!zone) {
    zone = IANAZone.create(name);
    if (zones.size < 2000) zones.set(name, zone);
  }
  return zone;
}

function offsetMs(zone: IANAZone, at: number): number {
  return Math.round(zone.offset(at) * MINUTE);
}

/**
 * The offsets of one chunk. Assumes a zone changes its offset at most once between two samples a
 * day apart, which holds for every zone in the tz database (changes are weeks apart at least).
 */
function chunkOf(name: string, index: number): Chunk {
  const key = `${name}|${index}`;
  const cached = chunks.get(key);
  if (cached) return cached;
  const zone = zoneNamed(name);
  const start = index * CHUNK;
  const end = start + CHUNK;
  const first = offsetMs(zone, start);
  const at: number[] = [];
  const offsets: number[] = [];
  let before = first;
  for (let sample = start + DAY; sample <= end; sample += DAY) {
    const offset = offsetMs(zone, sample);
    if (offset === before) continue;
    // The change lies in (sample - DAY, sample]: bisect to the second.
    let lo = sample - DAY;
    let hi = sample;
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (offsetMs(zone, mid) === before) lo = mid;
      else hi = mid;
    }
    // A change exactly at the end belongs to the next chunk (it is that chunk's `first`).
    if (hi < end) {
      at.push(hi);
      offsets.push(offset);
    }
    before = offset;
  }
  const chunk = { first, at, offsets };
  if (chunks.size >= MAX_CHUNKS) chunks.clear();
  chunks.set(key, chunk);
  return chunk;
}

/**
 * A zone's offsets over a window: `offsets[i]` applies from `bounds[i - 1]` (or the beginning of
 * time) until `bounds[i]` (or the end of time). Exact inside the window it was built for; outside,
 * the first and last offsets are extrapolated.
 */
export interface ZoneClock {
  bounds: number[];
  offsets: number[];
}

export function zoneClock(name: string, from: number, to: number): ZoneClock {
  const bounds: number[] = [];
  const offsets: number[] = [];
  const last = Math.floor(to / CHUNK);
  for (let index = Math.floor(from / CHUNK); index <= last; index++) {
    const chunk = chunkOf(name, index);
    if (offsets.length === 0) offsets.push(chunk.first);
    else if (offsets[offsets.length - 1] !== chunk.first) {
      bounds.push(index * CHUNK);
      offsets.push(chunk.first);
    }
    for (let i = 0; i < chunk.at.length; i++) {
      bounds.push(chunk.at[i]!);
      offsets.push(chunk.offsets[i]!);
    }
  }
  return { bounds, offsets };
}

/** The offset (ms) in effect at an instant. A window holds a handful of changes at most. */
export function offsetAt(clock: ZoneClock, at: number): number {
  const { bounds } = clock;
  let i = 0;
  while (i < bounds.length && at >= bounds[i]!) i++;
  return clock.offsets[i]!;
}

/** The wall-clock reading of an instant, as milliseconds since 1970-01-01T00:00 on that clock. */
export function toWall(clock: ZoneClock, at: number): number {
  return at + offsetAt(clock, at);
}

/**
 * Appends to `out` (as start, end pairs, ascending) the instants at which the zone's wall clock
 * reads a time in [wallStart, wallEnd). On an ordinary day that is one interval. Across a
 * spring-forward gap it is shorter (09:00–17:00 is 7 hours; 02:00–04:00 in Berlin starts at 03:00
 * summer time, and a range inside the gap has no instant at all). Across a fall-back change the
 * repeated hour counts twice when the range holds all of it (01:00–05:00 is 5 hours), and a range
 * starting or ending inside it is two intervals (02:30–05:00 is 02:30–03:00 summer time, then
 * 02:30–05:00 winter time), so every instant given reads inside the teacher's hours.
 */
export function wallRangeToInstants(
  clock: ZoneClock,
  wallStart: number,
  wallEnd: number,
  out: number[],
): void {
  const { bounds, offsets } = clock;
  const own = out.length;
  for (let i = 0; i < offsets.length; i++) {
    const offset = offsets[i]!;
    const segmentStart = i === 0 ? Number.NEGATIVE_INFINITY : bounds[i - 1]!;
    const segmentEnd = i === bounds.length ? Number.POSITIVE_INFINITY : bounds[i]!;
    const start = Math.max(wallStart - offset, segmentStart);
    const end = Math.min(wallEnd - offset, segmentEnd);
    if (start >= end) continue;
    // Two pieces of this range that meet at a change are one (the slot grid runs on across it);
    // an earlier range ending where this one starts stays apart (each range has its own grid).
    if (out.length > own && out[out.length - 1] === start) out[out.length - 1] = end;
    else out.push(start, end);
  }
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` date (a calendar date, no zone). */
export function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY;
}

export function dateOfDay(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}
