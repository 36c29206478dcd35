import { DateTime } from 'luxon';
import { AppError } from '../../lib/errors.ts';

// How the staff's figures (getStats, getOverview) cut time into periods: always in the tenant's
// zone (docs/decisions.md, "Statistics and booking lists").

export type StatsPeriod = 'week' | 'month' | 'year';

export interface PeriodInput {
  period: StatsPeriod;
  startDate?: Date | undefined;
  endDate?: Date | undefined;
}

/** The calendar days a period input names, in a zone that is known to be readable. */
function periodDays(input: PeriodInput, timeZone: string, now: Date) {
  const zone = DateTime.fromJSDate(now, { zone: timeZone }).isValid ? timeZone : 'UTC';
  const day = (date: Date) => DateTime.fromJSDate(date, { zone }).startOf('day');
  const today = day(now);
  const startDay = input.startDate ? day(input.startDate) : undefined;
  const endDay = input.endDate ? day(input.endDate) : undefined;
  if (startDay && endDay && startDay > endDay) {
    throw new AppError('VALIDATION_ERROR', 'startDate must not be after endDate');
  }
  if (startDay && !endDay && startDay > today) {
    throw new AppError('VALIDATION_ERROR', 'startDate must not be after today');
  }
  const from = startDay ?? (endDay ?? today).startOf(input.period);
  return { zone, today, from, endDay };
}

/**
 * The half-open range [from, to) a stats call covers, in the tenant's time zone:
 * - no dates: from the start of the current week (Monday 00:00), month (the 1st) or year (Jan 1)
 *   up to now;
 * - startDate and endDate: from 00:00 of startDate's calendar day to the end of endDate's day;
 * - only startDate: from 00:00 of its day up to now;
 * - only endDate: from the start of the period containing endDate's day to the end of that day.
 * The calendar day of a date is the day it falls on in the tenant's zone. A startDate day after
 * the endDate day (or, alone, after today) is a 400.
 */
export function statsRange(input: PeriodInput, timeZone: string, now: Date): { from: Date; to: Date } {
  const { from, endDay } = periodDays(input, timeZone, now);
  // The end of a day is the start of the next one (23 or 25 hours later across a DST change).
  const to = endDay ? endDay.plus({ days: 1 }).toJSDate() : new Date(now.getTime() + 1);
  return { from: from.toJSDate(), to };
}

/**
 * The stats range plus the calendar around it, for the overview:
 * - `shownUntil`: where the period's chart ends. Without endDate, the end of the current week,
 *   month or year (the days still to come show as empty), else the end of endDate's day;
 * - `today`, `tomorrow`, `weekEnd`: 00:00 of today, of tomorrow and of next Monday.
 */
export function periodCalendar(input: PeriodInput, timeZone: string, now: Date) {
  const { zone, today, from, endDay } = periodDays(input, timeZone, now);
  const shownUntil = endDay
    ? endDay.plus({ days: 1 })
    : today.startOf(input.period).plus({ [input.period]: 1 });
  return {
    zone,
    ...statsRange(input, zone, now),
    shownUntil: shownUntil.toJSDate(),
    /** Whole months between from and shownUntil, counting a partial month as one. */
    months: Math.ceil(shownUntil.diff(from.startOf('month'), 'months').months),
    days: Math.round(shownUntil.diff(from, 'days').days),
    today: today.toJSDate(),
    tomorrow: today.plus({ days: 1 }).toJSDate(),
    weekEnd: today.startOf('week').plus({ weeks: 1 }).toJSDate(),
  };
}
