import { formatMoney } from '../../lib/format.ts';
import { intlLocale, useT } from '../../lib/i18n/i18n.tsx';
import { ChartFigure } from './chart-figure.tsx';
import { bucketName, bucketTick } from './dates.ts';
import type { Period } from './search.ts';
import type { Overview, Stats } from './types.ts';

const BRAND = '#2447d8'; // brand-600
const GREEN = '#047857'; // emerald-700
const AMBER = '#b45309'; // amber-700

// Formatters are built per call: the language can change while the app runs.
const formatCount = (value: number) => new Intl.NumberFormat(intlLocale()).format(value);
const percent = (value: number) =>
  new Intl.NumberFormat(intlLocale(), { style: 'percent', maximumFractionDigits: 0 }).format(
    Math.round(value) / 100,
  );

function NoneYet({ children }: { children: string }) {
  return <p className="rounded bg-slate-50 px-3 py-6 text-center text-sm text-slate-600">{children}</p>;
}

/** Bookings per day (or month) and revenue, in the school's main currency. */
export function TimeFigures({ overview, period }: { overview: Overview; period: Period }) {
  const t = useT();
  const { granularity, currency } = overview;
  const per = granularity === 'day' ? 'day' : 'month';
  const points = (value: (p: Overview['series'][number]) => number) =>
    overview.series.map((p) => ({
      label: bucketTick(p.date, granularity),
      name: bucketName(p.date, granularity),
      value: value(p),
    }));
  const bookings = points((p) => p.bookings);
  const revenue = points((p) => p.revenue);
  const totalBookings = bookings.reduce((sum, p) => sum + p.value, 0);
  const totalRevenue = revenue.reduce((sum, p) => sum + p.value, 0);
  const busiest = bookings.reduce<(typeof bookings)[number] | undefined>(
    (best, p) => (p.value > (best?.value ?? 0) ? p : best),
    undefined,
  );
  const money = (cents: number) => formatMoney(cents, currency);
  const others = overview.otherCurrencies.map((o) => formatMoney(o.revenue, o.currency)).join(', ');
  const bucketColumn = t(granularity === 'day' ? 'app.overview.figures.day' : 'app.overview.figures.month');

  return (
    <div className="grid gap-4 xl:grid-cols-2">
      <ChartFigure
        kind="column"
        title={t('app.overview.figures.bookingsPer', { per })}
        summary={
          totalBookings === 0
            ? t('app.overview.figures.noBookings', { period })
            : busiest
              ? t('app.overview.figures.bookingsSummaryBusiest', {
                  count: totalBookings,
                  period,
                  per,
                  name: busiest.name,
                  value: formatCount(busiest.value),
                })
              : t('app.overview.figures.bookingsSummary', { count: totalBookings, period })
        }
        points={bookings}
        seriesName={t('app.overview.kpi.bookings')}
        color={BRAND}
        formatValue={formatCount}
        columns={[bucketColumn, t('app.overview.kpi.bookings')]}
      />
      <ChartFigure
        kind="trend"
        title={t('app.overview.figures.revenuePer', { per, currency })}
        summary={
          others
            ? t('app.overview.figures.revenueSummaryOthers', { amount: money(totalRevenue), period, others })
            : t('app.overview.figures.revenueSummary', { amount: money(totalRevenue), period })
        }
        points={revenue}
        seriesName={t('app.overview.kpi.revenue')}
        color={GREEN}
        formatValue={money}
        columns={[bucketColumn, t('app.overview.figures.revenueColumn', { currency })]}
        empty={
          totalRevenue === 0 ? (
            <NoneYet>{t('app.overview.figures.noPayments', { period })}</NoneYet>
          ) : undefined
        }
      />
    </div>
  );
}

/** Seats taken of seats offered per workshop, over its sessions in the period. */
export function FillRateFigure({ overview, period }: { overview: Overview; period: Period }) {
  const t = useT();
  const rows = overview.fillRate;
  const points = rows.map((row) => ({
    label: row.title,
    name: t('app.overview.figures.fillPoint', {
      title: row.title,
      taken: row.seatsTaken,
      offered: row.seatsOffered,
      sessions: row.sessionCount,
    }),
    value: Math.round(row.rate * 1000) / 10,
  }));
  const fullest = rows[0];
  return (
    <ChartFigure
      kind="bars"
      title={t('app.overview.figures.fillTitle')}
      summary={
        fullest
          ? t('app.overview.figures.fillSummary', {
              period,
              title: fullest.title,
              rate: percent(fullest.rate * 100),
            })
          : t('app.overview.figures.noSessions', { period })
      }
      points={points}
      seriesName={t('app.overview.figures.seatsTaken')}
      color={AMBER}
      formatValue={percent}
      max={100}
      heightClass={barHeight(points.length)}
      columns={[t('app.overview.figures.workshop'), t('app.overview.figures.fillRate')]}
      empty={rows.length === 0 ? <NoneYet>{t('app.overview.figures.noSessionsPeriod')}</NoneYet> : undefined}
    />
  );
}

/** getStats' top workshops by bookings. */
export function TopWorkshopsFigure({
  stats,
  currency,
  period,
}: {
  stats: Stats;
  currency: string;
  period: Period;
}) {
  const t = useT();
  const top = stats.topWorkshops;
  const points = top.map((w) => ({
    label: w.title,
    name: `${w.title} (${formatMoney(w.revenue, currency)})`,
    value: w.bookingCount,
  }));
  return (
    <ChartFigure
      kind="bars"
      title={t('app.overview.figures.topTitle')}
      summary={
        top[0]
          ? t('app.overview.figures.topSummary', {
              period,
              title: top[0].title,
              count: formatCount(top[0].bookingCount),
            })
          : t('app.overview.figures.noBookings', { period })
      }
      points={points}
      seriesName={t('app.overview.kpi.bookings')}
      color={BRAND}
      formatValue={formatCount}
      heightClass={barHeight(points.length)}
      columns={[t('app.overview.figures.topColumn'), t('app.overview.kpi.bookings')]}
      empty={top.length === 0 ? <NoneYet>{t('app.overview.figures.noBookingsPeriod')}</NoneYet> : undefined}
    />
  );
}

/** Room for one bar per row (Tailwind needs whole class names). */
function barHeight(rows: number): string {
  if (rows <= 3) return 'h-32';
  if (rows <= 6) return 'h-52';
  if (rows <= 10) return 'h-80';
  return 'h-[36rem]';
}
