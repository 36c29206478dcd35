import { formatMoney } from '../../lib/format.ts';
import { intlLocale, useT } from '../../lib/i18n/i18n.tsx';
import type { Overview, Stats } from './types.ts';

/**
 * getStats' key figures. Revenue is summed across currencies by getStats, so when payments came
 * in more than one currency the tiles show the main currency's part and name the others.
 */
export function KpiTiles({ stats, overview }: { stats: Stats; overview: Overview }) {
  const t = useT();
  // Built per render, in the current language (which can change while the app runs).
  const count = new Intl.NumberFormat(intlLocale());
  const percent = new Intl.NumberFormat(intlLocale(), { style: 'percent', maximumFractionDigits: 0 });
  const { currency, otherCurrencies } = overview;
  const mixed = otherCurrencies.length > 0;
  const mainRevenue = mixed ? overview.series.reduce((sum, p) => sum + p.revenue, 0) : stats.totalRevenue;
  const tiles: { label: string; value: string; hint?: string }[] = [
    { label: t('app.overview.kpi.bookings'), value: count.format(stats.totalBookings) },
    {
      label: t('app.overview.kpi.completed'),
      value: count.format(stats.completedBookings),
      // Issue 17: of the bookings staff marked, the share that came.
      hint:
        stats.attendanceRate === null
          ? t('app.overview.kpi.sessionsTookPlace')
          : t('app.overview.kpi.attended', { rate: percent.format(stats.attendanceRate) }),
    },
    { label: t('app.overview.kpi.cancelled'), value: count.format(stats.cancelledBookings) },
    {
      label: t('app.overview.kpi.revenue'),
      value: formatMoney(mainRevenue, currency),
      hint: mixed
        ? t('app.overview.kpi.plus', {
            amounts: otherCurrencies.map((o) => formatMoney(o.revenue, o.currency)).join(', '),
          })
        : t('app.overview.kpi.netOfRefunds'),
    },
    {
      label: t('app.overview.kpi.average'),
      value: mixed ? '—' : formatMoney(stats.averageBookingValue, currency),
      hint: t(mixed ? 'app.overview.kpi.notComparable' : 'app.overview.kpi.perPaid'),
    },
    {
      label: t('app.overview.kpi.students'),
      value: count.format(stats.studentCount),
      hint: t('app.overview.kpi.differentPeople'),
    },
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-6">
      {tiles.map((tile) => (
        <div key={tile.label} className="rounded-lg border border-slate-200 bg-white p-4">
          <dt className="text-sm font-medium text-slate-600">{tile.label}</dt>
          <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{tile.value}</dd>
          {tile.hint ? <dd className="mt-1 text-xs text-slate-600">{tile.hint}</dd> : null}
        </div>
      ))}
    </dl>
  );
}
