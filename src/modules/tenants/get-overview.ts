import { DateTime } from 'luxon';
import type { Executor } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import * as repo from './overview.repo.ts';
import type { GetOverviewOutput } from './procedures/get-overview.schema.ts';
import type { Role } from './roles.ts';
import { collectStats } from './stats.service.ts';
import { type PeriodInput, periodCalendar } from './stats-period.ts';

const FILL_RATE_WORKSHOPS = 20;
const UPCOMING_SESSIONS = 50;
/** A range longer than this is charted per month even for week and month periods. */
const MAX_DAILY_BUCKETS = 92;
/** Ten years of monthly buckets: longer ranges are refused rather than charted unreadably. */
const MAX_MONTHLY_BUCKETS = 120;

export interface OverviewDeps {
  db: Executor;
  now: () => Date;
  /** The cached tenant view (tenants service), for the onboarding checklist. */
  tenantStatus: (tenantId: number) => Promise<{
    stripeConnected: boolean;
    immersioConnected: boolean;
    landingPagePublished: boolean;
  }>;
}

/**
 * The staff overview: bookings and revenue per day (per month for a year), fill rate per
 * workshop, today's and this week's sessions and the onboarding checklist, all counted in the
 * tenant's zone. A MEMBER sees the same computed over the workshops they teach only.
 */
export async function getOverview(
  deps: OverviewDeps,
  input: PeriodInput & { tenantId: number; actorId: number; role: Role },
): Promise<GetOverviewOutput> {
  const facts = await repo.overviewFacts(deps.db, input.tenantId);
  if (!facts) throw new AppError('TENANT_NOT_FOUND');
  const now = deps.now();
  const calendar = periodCalendar(input, facts.timeZone, now);
  if (calendar.months > MAX_MONTHLY_BUCKETS) {
    throw new AppError('VALIDATION_ERROR', 'The overview covers at most ten years');
  }
  const unit: SeriesUnit = input.period === 'year' || calendar.days > MAX_DAILY_BUCKETS ? 'month' : 'day';
  const buckets = seriesBuckets(calendar.from, calendar.shownUntil, calendar.zone, unit);
  const teacherId = input.role === 'MEMBER' ? input.actorId : undefined;
  const { tenantId } = input;
  const range = { tenantId, teacherId, from: calendar.from, to: calendar.to, now };
  const shown = { tenantId, teacherId, from: calendar.from, to: calendar.shownUntil };
  const thisWeek = { tenantId, teacherId, from: calendar.today, to: calendar.weekEnd };

  const [seriesRows, fillRows, sessions, tenant, teacherStats] = await Promise.all([
    repo.bookingSeries(deps.db, { ...range, bucketStarts: buckets.map((b) => b.start) }),
    repo.fillRates(deps.db, shown, FILL_RATE_WORKSHOPS),
    repo.sessionsStarting(deps.db, thisWeek, UPCOMING_SESSIONS + 1),
    deps.tenantStatus(tenantId),
    teacherId === undefined ? null : collectStats(deps.db, range),
  ]);

  const currency = facts.mainCurrency ?? 'USD';
  const { series, otherCurrencies } = foldSeries(
    buckets.map((b) => b.label),
    seriesRows,
    currency,
  );
  const listed = sessions.slice(0, UPCOMING_SESSIONS).map((s) => ({
    ...s,
    startTime: new Date(s.startTime),
    endTime: new Date(s.endTime),
  }));
  return {
    scope: teacherId === undefined ? 'school' : 'teacher',
    timeZone: calendar.zone,
    currency,
    range: { from: calendar.from, to: calendar.shownUntil },
    granularity: unit,
    series,
    otherCurrencies,
    fillRate: fillRows.map((row) => ({
      ...row,
      rate: row.seatsOffered === 0 ? 0 : row.seatsTaken / row.seatsOffered,
    })),
    upcoming: {
      today: listed.filter((s) => s.startTime < calendar.tomorrow),
      laterThisWeek: listed.filter((s) => s.startTime >= calendar.tomorrow),
      hasMore: sessions.length > UPCOMING_SESSIONS,
    },
    checklist: {
      stripeConnected: tenant.stripeConnected,
      hasWorkshop: facts.hasWorkshop,
      landingPublished: tenant.landingPagePublished,
      immersioConnected: tenant.immersioConnected,
    },
    teacherStats,
  };
}

type SeriesUnit = 'day' | 'month';

/** Every day or month of the zone from the one containing `from` up to `until`: label and start. */
function seriesBuckets(from: Date, until: Date, zone: string, unit: SeriesUnit) {
  const format = unit === 'day' ? 'yyyy-MM-dd' : 'yyyy-MM';
  const buckets: { label: string; start: Date }[] = [];
  const end = DateTime.fromJSDate(until, { zone });
  for (let at = DateTime.fromJSDate(from, { zone }).startOf(unit); at < end; at = at.plus({ [unit]: 1 })) {
    buckets.push({ label: at.toFormat(format), start: at.toJSDate() });
  }
  return buckets;
}

/** One point per bucket with the main currency's revenue; other currencies summed aside. */
function foldSeries(
  labels: string[],
  rows: Awaited<ReturnType<typeof repo.bookingSeries>>,
  currency: string,
) {
  const points = new Map(labels.map((date) => [date, { date, bookings: 0, revenue: 0 }]));
  const others = new Map<string, number>();
  for (const row of rows) {
    const point = points.get(labels[row.bucket - 1] ?? '');
    if (row.currency === null) {
      if (point) point.bookings += row.bookings;
    } else if (row.currency === currency) {
      if (point) point.revenue += row.revenue;
    } else {
      others.set(row.currency, (others.get(row.currency) ?? 0) + row.revenue);
    }
  }
  return {
    series: [...points.values()],
    otherCurrencies: [...others].map(([code, revenue]) => ({ currency: code, revenue })),
  };
}
