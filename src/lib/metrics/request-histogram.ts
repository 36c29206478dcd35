/**
 * The request-duration histogram, kept outside prom-client's Histogram: that one builds and hashes
 * a label string on every observation (about 1.3 µs here), whereas this finds its series in
 * nested maps and bumps one slot of a Float64Array (tens of ns). prom-client still renders it:
 * `get()` answers in the shape its Registry formats (metricName and labels per value).
 */

interface Series {
  labels: { method: string; route: string; status_code: string };
  /** Per-bucket counts, not cumulative; the last slot is above every bound. */
  counts: Float64Array;
  sum: number;
}

export class RequestHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly series = new Map<string, Map<string, Map<number, Series>>>();

  readonly name: string;
  readonly help: string;
  private readonly bounds: readonly number[];

  constructor(name: string, help: string, bounds: readonly number[]) {
    this.name = name;
    this.help = help;
    this.bounds = bounds;
  }

  observe(method: string, route: string, status: number, seconds: number): void {
    const series = this.seriesOf(method, route, status);
    const { bounds } = this;
    let i = 0;
    while (i < bounds.length && seconds > bounds[i]!) i++;
    series.counts[i]! += 1;
    series.sum += seconds;
  }

  private seriesOf(method: string, route: string, status: number): Series {
    let byRoute = this.series.get(method);
    if (!byRoute) {
      byRoute = new Map();
      this.series.set(method, byRoute);
    }
    let byStatus = byRoute.get(route);
    if (!byStatus) {
      byStatus = new Map();
      byRoute.set(route, byStatus);
    }
    let found = byStatus.get(status);
    if (!found) {
      found = {
        labels: { method, route, status_code: String(status) },
        counts: new Float64Array(this.bounds.length + 1),
        sum: 0,
      };
      byStatus.set(status, found);
    }
    return found;
  }

  get() {
    const values: Array<{ metricName: string; labels: Record<string, string | number>; value: number }> = [];
    for (const byRoute of this.series.values()) {
      for (const byStatus of byRoute.values()) {
        for (const { labels, counts, sum } of byStatus.values()) {
          let cumulative = 0;
          this.bounds.forEach((le, i) => {
            cumulative += counts[i]!;
            values.push({ metricName: `${this.name}_bucket`, labels: { ...labels, le }, value: cumulative });
          });
          cumulative += counts[this.bounds.length]!;
          values.push({
            metricName: `${this.name}_bucket`,
            labels: { ...labels, le: '+Inf' },
            value: cumulative,
          });
          values.push({ metricName: `${this.name}_sum`, labels, value: sum });
          values.push({ metricName: `${this.name}_count`, labels, value: cumulative });
        }
      }
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }
}
