import { DateTime } from 'luxon';
import type { Executor } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import { MAX_RANGE_DAYS } from '../availability/slots.ts';
import { dayNumber } from '../availability/slots-zone.ts';
import { type SlotWorkshop, workshopSlots } from '../availability/workshop-slots.ts';
import * as repo from './public.repo.ts';
import type { PublicSlots } from './public.schemas.ts';

// What the public sees of when a workshop can be booked: a slot-booked workshop's free slots, or
// a fixed-schedule workshop's open sessions in the same shape, so one client serves both.

/** How far ahead the public workshop answer looks for a slot-booked workshop's next slots. */
const NEXT_SLOTS_DAYS = 14;
/** The slots answer's dates without a `to`: `from` and this many days after it. */
const DEFAULT_DAYS = 30;

export function slotWorkshop(row: repo.PublicWorkshopRow): SlotWorkshop {
  return {
    workshopId: row.id,
    teacherId: row.teacherId,
    scheduleId: row.scheduleId,
    durationMinutes: row.duration,
    seats: row.seats,
    slotIntervalMinutes: row.slotIntervalMinutes,
    bufferBeforeMinutes: row.bufferBeforeMinutes,
    bufferAfterMinutes: row.bufferAfterMinutes,
    minimumNoticeMinutes: row.minimumNoticeMinutes,
    bookingHorizonDays: row.bookingHorizonDays,
    maxBookingsPerDay: row.maxBookingsPerDay,
  };
}

/**
 * A slot-booked workshop's next free slots (at most `limit`, within two weeks), dated in its
 * schedule's zone, and when the answer goes stale by itself: when the first slot stops being
 * bookable (its start less the minimum notice).
 */
export async function nextFreeSlots(
  db: Executor,
  input: { tenantId: number; row: repo.PublicWorkshopRow; now: Date; limit: number },
) {
  const today = Math.floor(input.now.getTime() / 86_400_000);
  const answer = await workshopSlots(db, {
    tenantId: input.tenantId,
    workshop: slotWorkshop(input.row),
    // From the day before in UTC: in any zone that covers today; earlier slots are past.
    range: { from: isoDay(today - 1), to: isoDay(today + NEXT_SLOTS_DAYS) },
    now: input.now,
  });
  const schedule = answer.days
    .flatMap((day) =>
      day.slots.map((slot) => ({
        date: day.date,
        startTime: slot.startTime.toISOString(),
        endTime: slot.endTime.toISOString(),
        availableSeats: slot.availableSeats,
      })),
    )
    .slice(0, input.limit);
  const first = schedule[0];
  return {
    schedule,
    nextChange: first ? Date.parse(first.startTime) - input.row.minimumNoticeMinutes * 60_000 : null,
  };
}

export interface SlotsQuery {
  from?: string | undefined;
  to?: string | undefined;
  timeZone?: string | undefined;
}

/**
 * The answer of `GET /api/v1/public/workshops/:slug/slots`: every date of the visitor's range
 * (default: today and the next 30 days, in the visitor's zone, else the schedule's or the
 * sessions' zone) with its free slots.
 */
export async function publicSlots(
  db: Executor,
  input: {
    tenantId: number;
    tenantTimeZone: string;
    row: repo.PublicWorkshopRow;
    query: SlotsQuery;
    now: Date;
  },
): Promise<{ view: PublicSlots; nextChange: number | null }> {
  const { row, now } = input;
  if (row.bookingMode === 'slots') {
    const { timeZone } = input.query;
    // Without the visitor's zone the dates are the schedule's, whose zone comes with the rules
    // `workshopSlots` reads. When the range starts today in that zone, ask for every date it can
    // cover in any zone and keep the schedule's afterwards: one read of the rules, not two.
    const todayUnknown = timeZone === undefined && input.query.from === undefined;
    const asked = todayUnknown
      ? aroundToday(now, input.query.to)
      : dateRange(input.query, timeZone ?? 'UTC', now);
    const answer = await workshopSlots(db, {
      tenantId: input.tenantId,
      workshop: slotWorkshop(row),
      range: { ...asked, timeZone },
      now,
    });
    const days = todayUnknown
      ? within(answer.days, dateRange(input.query, answer.timeZone, now))
      : answer.days;
    const firstStart = days.find((day) => day.slots.length > 0)?.slots[0]?.startTime.getTime();
    return {
      view: {
        timeZone: answer.timeZone,
        days: days.map((day) => ({
          date: day.date,
          slots: day.slots.map((slot) => ({
            startTime: slot.startTime.toISOString(),
            endTime: slot.endTime.toISOString(),
            availableSeats: slot.availableSeats,
          })),
        })),
      },
      nextChange: firstStart === undefined ? null : firstStart - row.minimumNoticeMinutes * 60_000,
    };
  }
  const zone = input.query.timeZone ?? input.tenantTimeZone;
  const range = dateRange(input.query, zone, now);
  const first = DateTime.fromISO(range.from, { zone });
  const days = Math.round(DateTime.fromISO(range.to, { zone }).diff(first, 'days').days) + 1;
  const sessions = await repo.sessionsBetween(db, {
    tenantId: input.tenantId,
    workshopId: row.id,
    from: first.toJSDate(),
    to: first.plus({ days }).toJSDate(),
    now,
  });
  const byDate = new Map<string, PublicSlots['days'][number]['slots']>();
  for (const session of sessions) {
    const left = session.seats - session.bookedSeats;
    if (left <= 0) continue;
    const start = new Date(session.startTime);
    const date = DateTime.fromJSDate(start, { zone }).toISODate()!;
    byDate.set(date, [
      ...(byDate.get(date) ?? []),
      {
        startTime: start.toISOString(),
        endTime: new Date(session.endTime).toISOString(),
        availableSeats: left,
      },
    ]);
  }
  const view = {
    timeZone: zone,
    days: Array.from({ length: days }, (_, i) => {
      const date = first.plus({ days: i }).toISODate()!;
      return { date, slots: byDate.get(date) ?? [] };
    }),
  };
  const firstStart = sessions[0] ? new Date(sessions[0].startTime).getTime() : null;
  return { view, nextChange: firstStart };
}

/** The visitor's dates: both given, or defaulted from today in `zone`; at most 62 days apart. */
function dateRange(query: SlotsQuery, zone: string, now: Date): { from: string; to: string } {
  const from = query.from ?? DateTime.fromJSDate(now, { zone }).toISODate()!;
  const to = query.to ?? plusDays(from, DEFAULT_DAYS);
  const span = DateTime.fromISO(to, { zone: 'UTC' }).diff(
    DateTime.fromISO(from, { zone: 'UTC' }),
    'days',
  ).days;
  if (span < 0) throw new AppError('VALIDATION_ERROR', 'to: must not be before from');
  if (span > MAX_RANGE_DAYS)
    throw new AppError('VALIDATION_ERROR', `to: at most ${MAX_RANGE_DAYS} days after from`);
  return { from, to };
}

/**
 * Dates around the range that starts today in a zone not yet known: today is UTC's date ±1 day in
 * every zone (UTC−12 to UTC+14). Covers the range whenever `dateRange` accepts it in that zone,
 * and is itself a valid range, so a refused one is refused by `dateRange` once the zone is known.
 */
function aroundToday(now: Date, to: string | undefined): { from: string; to: string } {
  const today = Math.floor(now.getTime() / 86_400_000);
  const last = to === undefined ? today + 1 + DEFAULT_DAYS : Math.max(dayNumber(to), today - 1);
  return { from: isoDay(Math.max(today - 1, last - MAX_RANGE_DAYS)), to: isoDay(last) };
}

function within<Day extends { date: string }>(days: Day[], range: { from: string; to: string }): Day[] {
  return days.filter((day) => day.date >= range.from && day.date <= range.to);
}

function plusDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

function isoDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
