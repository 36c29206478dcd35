import { formatMoney } from '../../lib/format.ts';
import { ChartFigure } from './chart-figure.tsx';
import { bucketName, bucketTick } from './dates.ts';
import type { Overview, Stats } from './types.ts';

const BRAND = '#2447d8'; // brand-600
const GREEN = '#047857'; // emerald-700
const AMBER = '#b45309'; // amber-700

const count = new Intl.NumberFormat();
const percent = (value: number) => `${Math.round(value)}%`;

function NoneYet({ children }: { children: string }) {
  return <p className="rounded bg-slate-50 px-3 py-6 text-center text-sm text-slate-600">{children}</p>;
}

/** Bookings per day (or month) and revenue, in the school's main currency. */
export function TimeFigures({ overview, periodName }: { overview: Overview; periodName: string }) {
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

  return (
    <div className="grid gap-4 xl:grid-cols-2">
      <ChartFigure
        kind="column"
        title={`Bookings per ${per}`}
        summary={
          totalBookings === 0
            ? `No bookings ${periodName.toLowerCase()} yet.`
            : `${count.format(totalBookings)} ${totalBookings === 1 ? 'booking' : 'bookings'} ${periodName.toLowerCase()}${
                busiest
                  ? `; the busiest ${per} was ${busiest.name} with ${count.format(busiest.value)}.`
                  : '.'
              }`
        }
        points={bookings}
        seriesName="Bookings"
        color={BRAND}
        formatValue={(v) => count.format(v)}
        columns={[granularity === 'day' ? 'Day' : 'Month', 'Bookings']}
      />
      <ChartFigure
        kind="trend"
        title={`Revenue per ${per} (${currency})`}
        summary={
          `${money(totalRevenue)} ${periodName.toLowerCase()}, net of refunds.` +
          (others ? ` Also received in other currencies, not charted: ${others}.` : '')
        }
        points={revenue}
        seriesName="Revenue"
        color={GREEN}
        formatValue={money}
        columns={[granularity === 'day' ? 'Day' : 'Month', `Revenue (${currency})`]}
        empty={
          totalRevenue === 0 ? <NoneYet>{`No payments ${periodName.toLowerCase()}.`}</NoneYet> : undefined
        }
      />
    </div>
  );
}

/** Seats taken of seats offered per workshop, over its sessions in the period. */
export function FillRateFigure({ overview, periodName }: { overview: Overview; periodName: string }) {
  const rows = overview.fillRate;
  const points = rows.map((row) => ({
    label: row.title,
    name: `${row.title}: ${row.seatsTaken} of ${row.seatsOffered} seats in ${row.sessionCount} ${
      row.sessionCount === 1 ? 'session' : 'sessions'
    }`,
    value: Math.round(row.rate * 1000) / 10,
  }));
  const fullest = rows[0];
  return (
    <ChartFigure
      kind="bars"
      title="Fill rate per workshop"
      summary={
        fullest
          ? `Seats taken of seats offered, ${periodName.toLowerCase()}. Fullest: ${fullest.title} at ${percent(fullest.rate * 100)}.`
          : `No sessions ${periodName.toLowerCase()}.`
      }
      points={points}
      seriesName="Seats taken"
      color={AMBER}
      formatValue={percent}
      max={100}
      heightClass={barHeight(points.length)}
      columns={['Workshop', 'Fill rate']}
      empty={rows.length === 0 ? <NoneYet>No sessions in this period.</NoneYet> : undefined}
    />
  );
}

/** getStats' top workshops by bookings. */
export function TopWorkshopsFigure({
  stats,
  currency,
  periodName,
}: {
  stats: Stats;
  currency: string;
  periodName: string;
}) {
  const top = stats.topWorkshops;
  const points = top.map((w) => ({
    label: w.title,
    name: `${w.title} (${formatMoney(w.revenue, currency)})`,
    value: w.bookingCount,
  }));
  return (
    <ChartFigure
      kind="bars"
      title="Top workshops"
      summary={
        top[0]
          ? `By bookings ${periodName.toLowerCase()}. Most booked: ${top[0].title} with ${count.format(top[0].bookingCount)}.`
          : `No bookings ${periodName.toLowerCase()} yet.`
      }
      points={points}
      seriesName="Bookings"
      color={BRAND}
      formatValue={(v) => count.format(v)}
      heightClass={barHeight(points.length)}
      columns={['Workshop (revenue)', 'Bookings']}
      empty={top.length === 0 ? <NoneYet>No bookings in this period yet.</NoneYet> : undefined}
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
