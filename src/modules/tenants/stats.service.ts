import type { Database, Executor } from '../../db/client.ts';
import * as repo from './stats.repo.ts';
import { type StatsPeriod, statsRange } from './stats-period.ts';
import { findTenantRecord } from './tenants.repo.ts';

const TOP_WORKSHOPS = 5;

/**
 * getStats' figures over a range; with `teacherId`, only over the workshops that person teaches
 * (the overview of a MEMBER), where teacherCount is 1 and workshopCount counts their workshops.
 */
export async function collectStats(db: Executor, range: repo.StatsRange) {
  const [totals, revenue, counts, top, waiting] = await Promise.all([
    repo.bookingTotals(db, range),
    repo.revenue(db, range),
    repo.catalogCounts(db, range.tenantId, range.teacherId),
    repo.topWorkshops(db, range, TOP_WORKSHOPS),
    repo.waitingStudents(db, range),
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
    waitingStudents: waiting,
    // Issue 17: of the confirmed bookings staff marked, the share that came (4 decimals).
    attendanceRate:
      totals.marked === 0 ? null : Math.round((totals.attended / totals.marked) * 10_000) / 10_000,
  };
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
      const timeZone = (await findTenantRecord(deps.db, { id: input.tenantId }))?.timeZone ?? 'UTC';
      return collectStats(deps.db, { tenantId: input.tenantId, ...statsRange(input, timeZone, now), now });
    },
  };
}
