import { formatMoney } from '../../lib/format.ts';
import type { Overview, Stats } from './types.ts';

const count = new Intl.NumberFormat();
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });

/**
 * getStats' key figures. Revenue is summed across currencies by getStats, so when payments came
 * in more than one currency the tiles show the main currency's part and name the others.
 */
export function KpiTiles({ stats, overview }: { stats: Stats; overview: Overview }) {
  const { currency, otherCurrencies } = overview;
  const mixed = otherCurrencies.length > 0;
  const mainRevenue = mixed ? overview.series.reduce((sum, p) => sum + p.revenue, 0) : stats.totalRevenue;
  const tiles: { label: string; value: string; hint?: string }[] = [
    { label: 'Bookings', value: count.format(stats.totalBookings) },
    {
      label: 'Completed',
      value: count.format(stats.completedBookings),
      // Issue 17: of the bookings staff marked, the share that came.
      hint:
        stats.attendanceRate === null
          ? 'Sessions that took place'
          : `${percent.format(stats.attendanceRate)} attended, of those marked`,
    },
    { label: 'Cancelled', value: count.format(stats.cancelledBookings) },
    {
      label: 'Revenue',
      value: formatMoney(mainRevenue, currency),
      hint: mixed
        ? `Plus ${otherCurrencies.map((o) => formatMoney(o.revenue, o.currency)).join(', ')}`
        : 'Net of refunds',
    },
    {
      label: 'Average value',
      value: mixed ? '—' : formatMoney(stats.averageBookingValue, currency),
      hint: mixed ? 'Not comparable across currencies' : 'Per paid booking',
    },
    { label: 'Students', value: count.format(stats.studentCount), hint: 'Different people' },
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
