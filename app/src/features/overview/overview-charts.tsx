import {
  Bar,
  BarChart,
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

// Every Recharts import lives here: this module is loaded with a dynamic import (chart-figures.tsx),
// so the overview paints without waiting for the chart library, which is its own chunk. The
// charts are drawings only: their figure carries the accessible name, summary and data table.

const AXIS_TEXT = { fill: '#475569', fontSize: 12 }; // slate-600
const GRID = '#e2e8f0'; // slate-200
const AXIS_LINE = { stroke: '#cbd5e1' }; // slate-300

export interface ChartPoint {
  /** The axis label. */
  label: string;
  /** The tooltip's label. */
  name: string;
  value: number;
}

interface ChartProps {
  points: ChartPoint[];
  /** What the value is, for the tooltip: "Bookings". */
  seriesName: string;
  color: string;
  formatValue: (value: number) => string;
}

function tooltipProps({ seriesName, formatValue }: ChartProps) {
  return {
    formatter: (value: unknown) => [formatValue(Number(value)), seriesName] as [string, string],
    labelFormatter: (_label: unknown, payload: readonly { payload?: ChartPoint }[]) =>
      payload[0]?.payload?.name ?? '',
    isAnimationActive: false,
  };
}

/** Values over time: columns for counts, a line for money. */
export function TimeChart(props: ChartProps & { as: 'columns' | 'line' }) {
  const Chart = props.as === 'columns' ? BarChart : LineChart;
  return (
    <ResponsiveContainer width="100%" height="100%">
      <Chart data={props.points} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke={GRID} />
        <XAxis dataKey="label" tick={AXIS_TEXT} tickLine={false} axisLine={AXIS_LINE} minTickGap={8} />
        <YAxis
          allowDecimals={false}
          width={props.as === 'columns' ? 40 : 64}
          tick={AXIS_TEXT}
          tickLine={false}
          axisLine={false}
          tickFormatter={(value: number) => props.formatValue(value)}
        />
        <Tooltip {...tooltipProps(props)} cursor={{ fill: '#f1f5f9' }} />
        {props.as === 'columns' ? (
          <Bar
            dataKey="value"
            fill={props.color}
            radius={[3, 3, 0, 0]}
            maxBarSize={40}
            isAnimationActive={false}
          />
        ) : (
          <Line
            type="monotone"
            dataKey="value"
            stroke={props.color}
            strokeWidth={2}
            dot={props.points.length <= 12}
            isAnimationActive={false}
          />
        )}
      </Chart>
    </ResponsiveContainer>
  );
}

/** A workshop name on one line (Recharts would wrap it word by word), shortened to fit. */
function CategoryTick(props: { x?: number | string; y?: number | string; payload?: { value?: unknown } }) {
  const label = String(props.payload?.value ?? '');
  return (
    <text x={props.x} y={props.y} dy={4} textAnchor="end" fill={AXIS_TEXT.fill} fontSize={AXIS_TEXT.fontSize}>
      {label.length > 15 ? `${label.slice(0, 14)}…` : label}
    </text>
  );
}

/** One horizontal bar per item (workshops), optionally on a fixed scale (0–100 %). */
export function BarListChart(props: ChartProps & { max?: number }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart
        data={props.points}
        layout="vertical"
        accessibilityLayer={false}
        margin={{ top: 0, right: 12, bottom: 0, left: 0 }}
      >
        <CartesianGrid horizontal={false} stroke={GRID} />
        <XAxis
          type="number"
          domain={[0, props.max ?? 'auto']}
          allowDecimals={false}
          tick={AXIS_TEXT}
          tickLine={false}
          axisLine={AXIS_LINE}
          tickFormatter={(value: number) => props.formatValue(value)}
        />
        <YAxis
          type="category"
          dataKey="label"
          width={128}
          tick={CategoryTick}
          tickLine={false}
          axisLine={false}
          interval={0}
        />
        <Tooltip {...tooltipProps(props)} cursor={{ fill: '#f1f5f9' }} />
        <Bar
          dataKey="value"
          fill={props.color}
          radius={[0, 3, 3, 0]}
          maxBarSize={22}
          isAnimationActive={false}
        />
      </BarChart>
    </ResponsiveContainer>
  );
}
