import type { Database } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import * as repo from './stats.repo.ts';

const PERIOD_DAYS = { week: 7, month: 30, year: 365 } as const;
const TOP_WORKSHOPS = 5;

export function createStatsService(deps: { db: Database; now: () => Date }) {
  return {
    async getStats(input: {
      tenantId: number;
      period: keyof typeof PERIOD_DAYS;
      startDate?: Date | undefined;
      endDate?: Date | undefined;
    }) {
      const now = deps.now();
      const to = input.endDate ?? now;
      const from = input.startDate ?? new Date(to.getTime() - PERIOD_DAYS[input.period] * 86_400_000);
      if (from >= to) throw new AppError('VALIDATION_ERROR', 'startDate must be before endDate');
      const range = { tenantId: input.tenantId, from, to, now };
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
        averageBookingValue: totals.accepted === 0 ? 0 : Math.round(revenue / totals.accepted),
        teacherCount: counts.teachers,
        workshopCount: counts.workshops,
        studentCount: totals.students,
        topWorkshops: top,
      };
    },
  };
}
