import { Component, lazy, type ReactNode, Suspense, useId } from 'react';
import { useT } from '../../lib/i18n/i18n.tsx';
import type { ChartPoint } from './overview-charts.tsx';

/** The chart module (and Recharts with it): fetched on first use, or early by `preloadCharts`. */
const loadCharts = () => import('./overview-charts.tsx');

/** Starts fetching the charts while the overview's data loads, so neither waits for the other. */
export function preloadCharts(): void {
  loadCharts().catch(() => {
    // A failed fetch is retried, and reported, when a chart renders.
  });
}

const TimeChart = lazy(() => loadCharts().then((m) => ({ default: m.TimeChart })));
const BarListChart = lazy(() => loadCharts().then((m) => ({ default: m.BarListChart })));

/** Columns or a line over time, or one bar per item. */
export type ChartKind = 'column' | 'trend' | 'bars';

interface ChartFigureProps {
  title: string;
  /** One sentence a screen reader hears with the title: the chart's gist. */
  summary: ReactNode;
  kind: ChartKind;
  points: ChartPoint[];
  seriesName: string;
  color: string;
  formatValue: (value: number) => string;
  /** Fixed scale maximum (e.g. 100 for percentages). */
  max?: number;
  /** Height class of the drawing area. */
  heightClass?: string;
  /** The column headers of the visually hidden data table. */
  columns: [string, string];
  /** Shown instead of the chart when there is nothing to draw. */
  empty?: ReactNode;
}

/**
 * A chart as a figure: a visible title and summary (its accessible name and description), the
 * drawing (presentational, loaded lazily) and the same numbers as a table for screen readers.
 */
export function ChartFigure(props: ChartFigureProps) {
  const id = useId();
  const chartProps = {
    points: props.points,
    seriesName: props.seriesName,
    color: props.color,
    formatValue: props.formatValue,
  };
  return (
    <figure
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-summary`}
      className="min-w-0 rounded-lg border border-slate-200 bg-white p-4"
    >
      <figcaption>
        <h3 id={`${id}-title`} className="text-sm font-semibold text-slate-900">
          {props.title}
        </h3>
        <p id={`${id}-summary`} className="mt-1 text-sm text-slate-600">
          {props.summary}
        </p>
      </figcaption>
      {props.empty ? (
        <div className="mt-3">{props.empty}</div>
      ) : (
        <>
          <div className={`mt-3 ${props.heightClass ?? 'h-56'}`} aria-hidden="true" data-chart={props.kind}>
            <ChartBoundary>
              <Suspense fallback={<ChartSkeleton />}>
                {props.kind === 'bars' ? (
                  <BarListChart {...chartProps} {...(props.max === undefined ? {} : { max: props.max })} />
                ) : (
                  <TimeChart {...chartProps} as={props.kind === 'column' ? 'columns' : 'line'} />
                )}
              </Suspense>
            </ChartBoundary>
          </div>
          {/* In a div: a table ignores sr-only's 1 px width and would widen the page. */}
          <div className="sr-only">
            <table>
              <caption>{props.title}</caption>
              <thead>
                <tr>
                  <th scope="col">{props.columns[0]}</th>
                  <th scope="col">{props.columns[1]}</th>
                </tr>
              </thead>
              <tbody>
                {props.points.map((point) => (
                  <tr key={point.name}>
                    <th scope="row">{point.name}</th>
                    <td>{props.formatValue(point.value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </figure>
  );
}

export function ChartSkeleton() {
  return <div className="size-full animate-pulse rounded bg-slate-100" />;
}

/** A chart chunk that fails to load leaves a note; the numbers stay in the table. */
class ChartBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return <ChartFailed />;
  }
}

function ChartFailed() {
  const t = useT();
  return (
    <p className="flex size-full items-center justify-center rounded bg-slate-50 text-sm text-slate-600">
      {t('app.overview.chart.failed')}
    </p>
  );
}
