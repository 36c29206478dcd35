import { DateTime } from 'luxon';
import type { Database } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import * as repo from './stats.repo.ts';

export type StatsPeriod = 'week' | 'month' | 'year';

const TOP_WORKSHOPS = 5;

/**
 * The half-open range [from, to) a stats call covers, in the tenant's time zone (see
 * docs/decisions.md, "Statistics and booking lists"):
 * - no dates: from the start of the current week (Monday 00:00), month (the 1st) or year (Jan 1)
 *   up to now;
 * - startDate and endDate: from 00:00 of startDate's calendar day to the end of endDate's day;
 * - only startDate: from 00:00 of its day up to now;
 * - only endDate: from the start of the period containing endDate's day to the end of that day.
 * The calendar day of a date is the day it falls on in the tenant's zone. A startDate day after
 * the endDate day (or, alone, after today) is a 400.
 */
export function statsRange(
  input: { period: StatsPeriod; startDate?: Date | undefined; endDate?: Date | undefined },
  timeZone: string,
  now: Date,
): { from: Date; to: Date } {
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
  // The end of a day is the start of the next one (23 or 25 hours later across a DST change).
  const to = endDay ? endDay.plus({ days: 1 }).toJSDate() : new Date(now.getTime() + 1);
  return { from: from.toJSDate(), to };
}

export function createStatsService(deps: { db: Database; now: () => Date }) {
  return {
    async getStats(input: {
      tenantId: number;
      period: StatsPeriod;
      startDate?: Date | undefined;
      endDate?: Date | undefined;
    }) {
      const now = deps.now();
      const timeZone = await repo.tenantTimeZone(deps.db, input.tenantId);
      const range = { tenantId: input.tenantId, ...statsRange(input, timeZone, now), now };
      const [totals, revenue, counts, top] = await Promise.all([
        repo.bookingTotals(deps.db, range),
        repo.revenue(deps.db, range),
        repo.catalogCounts(deps.db, input.tenantId),
        repo.topWorkshops(deps.db, range, TOP_WORKSHOPS),
      ]);
      return {
        totalBookings: totals.total,
        completedBookings: totals.completed,
        cancelledBookings: totals.cancelled,
        totalRevenue: revenue,
        averageBookingValue: totals.paid === 0 ? 0 : Math.round(revenue / totals.paid),
        teacherCount: counts.teachers,
        workshopCount: counts.workshops,
        studentCount: totals.students,
        topWorkshops: top,
      };
    },
  };
}
