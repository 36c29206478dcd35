import { z } from 'zod';
import { AppError, validationError } from '../../lib/errors.ts';
import {
  type AvailabilityRules,
  isoDate,
  minutesOfDay,
  timeZoneSchema,
  WEEKDAYS,
} from './schedule-shape.schema.ts';
import { BLOCKED, BusyIndex, type BusyInterval, bookingsPerDay, FREE } from './slots-busy.ts';
import { DAY, dateOfDay, dayNumber, MINUTE, toWall, wallRangeToInstants, zoneClock } from './slots-zone.ts';

export type { BusyInterval } from './slots-busy.ts';

/** The most days one slots answer covers: `to` at most this many days after `from`. */
export const MAX_RANGE_DAYS = 62;

const minutes = (max: number) => z.number().int().min(0).max(max);

/** A slot-booked workshop's settings (the workshop's columns) and the visitor's question. */
const slotQuerySchema = z.object({
  workshopId: z.number().int(),
  durationMinutes: z.number().int().min(1).max(1440),
  /** Minutes between slot starts; the duration when absent. */
  intervalMinutes: z.number().int().min(1).max(1440).nullish(),
  bufferBeforeMinutes: minutes(1440),
  bufferAfterMinutes: minutes(1440),
  minimumNoticeMinutes: minutes(10 * 525_600),
  horizonDays: z.number().int().min(0).max(3650),
  maxBookingsPerDay: z.number().int().min(1).nullish(),
  seats: z.number().int().min(1),
  now: z.date().refine((d) => !Number.isNaN(d.getTime()), 'a valid instant'),
  range: z.object({ from: isoDate, to: isoDate, timeZone: timeZoneSchema }),
});

export type SlotQuery = z.input<typeof slotQuerySchema> & {
  /** The teacher's schedule (the workshop's, or the teacher's default). */
  rules: AvailabilityRules;
  /** Everything that keeps the teacher busy around the range: see `slotBusyWindow`. */
  busy: readonly BusyInterval[];
};

export interface Slot {
  startTime: Date;
  endTime: Date;
  availableSeats: number;
}

export interface SlotDay {
  /** A date in the visitor's zone. */
  date: string;
  /** Ascending by start; empty when nothing is free that day. */
  slots: Slot[];
}

export interface SlotAnswer {
  /** The visitor's zone, in which `days` are dates. */
  timeZone: string;
  /** Every date from `from` to `to`, in order, each present even without slots. */
  days: SlotDay[];
}

/**
 * Bookable slots for a slot-booked workshop, the way Cal.com computes them, as a pure function.
 *
 * - Hours: each range of the teacher's day (the date's override if there is one, else the
 *   weekday's; an override without ranges is a day off) is read on the teacher's wall clock in
 *   `rules.timeZone` (see `wallRangeToInstants` for daylight-saving days). `24:00` ends at the
 *   next midnight.
 * - Grid: slots start at the start of each range and every `intervalMinutes` (default the
 *   duration) of real time after it; a slot never runs past the end of its range.
 * - Conflicts: a slot's busy time is [start - bufferBefore, end + bufferAfter) with this
 *   workshop's buffers; it is blocked by any busy entry overlapping that (entries already include
 *   their own buffers: see `BusyInterval`). So the buffers facing each other add up: a new slot
 *   starts at least (the earlier session's buffer after + this workshop's buffer before) after an
 *   existing session ends, the same test the database's exclusion constraint makes on the busy
 *   ranges. Intervals are half-open: back to back with no buffers is no conflict.
 * - Group slots: a session of this workshop exactly at a slot with seats left is offered with its
 *   seats left (`availableSeats`), so later students join it; a full one is not offered. A new
 *   slot offers `seats`.
 * - Limits: starts no earlier than `now + minimumNoticeMinutes` and no later than
 *   `now + horizonDays` × 24 h. With `maxBookingsPerDay`, a teacher-local day that already has
 *   that many booked sessions offers no new slot (joining a group session stays possible: it adds
 *   no session).
 * - Answer: every date of the visitor's range (`from`..`to` inclusive, at most 62 days apart, in
 *   `range.timeZone`), each with its slots (possibly none), so a month view marks each day without
 *   date arithmetic of its own; a slot belongs to the date its start falls on in that zone.
 *
 * Throws VALIDATION_ERROR for a bad range, zone or setting.
 */
export function computeSlots(query: SlotQuery): SlotAnswer {
  const parsed = slotQuerySchema.safeParse(query);
  if (!parsed.success) throw validationError(parsed.error.issues);
  const q = parsed.data;
  const { rules } = query;
  if (!timeZoneSchema.safeParse(rules.timeZone).success) {
    throw new AppError('VALIDATION_ERROR', `rules.timeZone: ${rules.timeZone} is not a known IANA time zone`);
  }
  const fromDay = dayNumber(q.range.from);
  const toDay = dayNumber(q.range.to);
  if (toDay < fromDay) throw new AppError('VALIDATION_ERROR', 'to: must not be before from');
  if (toDay - fromDay > MAX_RANGE_DAYS) {
    throw new AppError('VALIDATION_ERROR', `to: at most ${MAX_RANGE_DAYS} days after from`);
  }

  const days: SlotDay[] = [];
  for (let day = fromDay; day <= toDay; day++) days.push({ date: dateOfDay(day), slots: [] });
  const window = candidateWindow(q, fromDay, toDay);
  if (!window) return { timeZone: q.range.timeZone, days };
  const { lower, upper } = window;

  const teacher = zoneClock(rules.timeZone, lower - 2 * DAY, upper + 2 * DAY);
  const visitor = zoneClock(q.range.timeZone, lower - 2 * DAY, upper + 2 * DAY);
  const duration = q.durationMinutes * MINUTE;
  const interval = (q.intervalMinutes ?? q.durationMinutes) * MINUTE;
  const before = q.bufferBeforeMinutes * MINUTE;
  const after = q.bufferAfterMinutes * MINUTE;
  const busy = new BusyIndex(query.busy);
  const perDay = q.maxBookingsPerDay ? bookingsPerDay(query.busy, teacher) : undefined;
  const overrides = new Map(rules.overrides.map((o) => [dayNumber(o.date), o.ranges]));
  const pieces: number[] = [];

  // Teacher-local dates whose hours can reach the window (zone offsets are within ±14 h).
  const lastDay = Math.floor((upper + DAY) / DAY);
  for (let day = Math.floor((lower - DAY) / DAY); day <= lastDay; day++) {
    const ranges = overrides.get(day) ?? rules.weeklyHours[WEEKDAYS[weekdayIndex(day)]!];
    if (ranges.length === 0) continue;
    const booked = perDay?.get(day) ?? 0;
    const dayFull = q.maxBookingsPerDay != null && booked >= q.maxBookingsPerDay;
    pieces.length = 0;
    for (const range of ranges) {
      wallRangeToInstants(
        teacher,
        day * DAY + minutesOfDay(range.start) * MINUTE,
        day * DAY + minutesOfDay(range.end) * MINUTE,
        pieces,
      );
    }
    for (let p = 0; p < pieces.length; p += 2) {
      const rangeStart = pieces[p]!;
      const rangeEnd = pieces[p + 1]!;
      // The first grid start at or after the earliest allowed start.
      const skip = lower > rangeStart ? Math.ceil((lower - rangeStart) / interval) : 0;
      for (let start = rangeStart + skip * interval; start + duration <= rangeEnd; start += interval) {
        if (start > upper) break;
        const visitorDay = Math.floor(toWall(visitor, start) / DAY) - fromDay;
        if (visitorDay < 0 || visitorDay >= days.length) continue;
        const verdict = busy.check(start - before, start + duration + after, q.workshopId);
        if (verdict === BLOCKED || (verdict === FREE && dayFull)) continue;
        days[visitorDay]!.slots.push({
          startTime: new Date(start),
          endTime: new Date(start + duration),
          availableSeats: verdict === FREE ? q.seats : verdict,
        });
      }
    }
  }
  return { timeZone: q.range.timeZone, days };
}

type ParsedQuery = z.output<typeof slotQuerySchema>;

/**
 * Slot starts the answer may hold: inside the visitor's dates (loosely, ±1 day; each slot is then
 * placed on its exact date), not before the minimum notice, not after the horizon. None when the
 * range is wholly in the past or beyond the horizon.
 */
function candidateWindow(
  q: Pick<ParsedQuery, 'now' | 'minimumNoticeMinutes' | 'horizonDays'>,
  fromDay: number,
  toDay: number,
): { lower: number; upper: number } | undefined {
  const now = q.now.getTime();
  const lower = Math.max((fromDay - 1) * DAY, now + q.minimumNoticeMinutes * MINUTE);
  const upper = Math.min((toDay + 2) * DAY, now + q.horizonDays * DAY);
  return lower <= upper ? { lower, upper } : undefined;
}

/**
 * The UTC window the busy list must cover for `computeSlots` to answer `query` exactly: every
 * entry overlapping it (sessions by their busy time, plus any booked session starting in it for
 * the daily maximum). Undefined when no slot can be offered (nothing to load).
 */
export function slotBusyWindow(
  query: Pick<SlotQuery, 'now' | 'minimumNoticeMinutes' | 'horizonDays' | 'range'>,
): { from: Date; to: Date } | undefined {
  const window = candidateWindow(query, dayNumber(query.range.from), dayNumber(query.range.to));
  if (!window) return undefined;
  // Two days either side hold every buffer (≤ 24 h) and the candidates' whole teacher-local days.
  return { from: new Date(window.lower - 2 * DAY), to: new Date(window.upper + 2 * DAY) };
}

/** 0 = Monday … 6 = Sunday, for days since 1970-01-01 (a Thursday). */
function weekdayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}
