import { Counter, collectDefaultMetrics, Gauge, type Histogram, Registry } from 'prom-client';
import { RequestHistogram } from './request-histogram.ts';

/**
 * The service's Prometheus metrics (docs/operations.md lists them). This is the only file that
 * imports prom-client: the rest of the service counts through the narrow methods below. Each app
 * instance has its own Registry, so several apps in one process (the tests) never collide.
 */

/** Read at scrape time, once per scrape whatever the number of gauges fed by it. */
export interface ScrapeSources {
  /** Seats held for checkout right now (pending bookings whose hold has not expired). */
  seatsHeld?: () => Promise<number>;
  outbox?: () => Promise<OutboxBacklog>;
  /** node-postgres pool figures; undefined for the embedded database (one connection). */
  pool?: () => PoolFigures | undefined;
}

export interface OutboxBacklog {
  pending: number;
  due: number;
  inFlight: number;
  dead: number;
  oldestDueAt: Date | null;
}

export interface PoolFigures {
  total: number;
  idle: number;
  waiting: number;
  max: number;
}

export type WebhookOutcome = 'delivered' | 'failed' | 'skipped' | 'gone';
export type CancelledBy = 'student' | 'staff' | 'session';

/** Unmatched URLs share one label, so probes for random paths cannot grow the series. */
export const UNMATCHED_ROUTE = 'unmatched';

const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createMetrics(sources: ScrapeSources = {}, now: () => Date = () => new Date()) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const requests = new RequestHistogram(
    'http_request_duration_seconds',
    'HTTP request duration by method, route pattern and status code',
    REQUEST_BUCKETS,
  );
  // Rendered by prom-client like its own histograms (request-histogram.ts says why it is not one).
  registry.registerMetric(requests as unknown as Histogram);
  const created = new Counter({
    name: 'bookings_created_total',
    help: 'Bookings created (one per seat: a recurring series counts each occurrence)',
    registers: [registry],
  });
  const cancelled = new Counter({
    name: 'bookings_cancelled_total',
    help: 'Bookings cancelled, by who cancelled (student, staff, or a whole session by staff)',
    labelNames: ['by'] as const,
    registers: [registry],
  });
  const refused = new Counter({
    name: 'bookings_refused_total',
    help: 'Booking attempts refused, by the error code answered',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  const webhooks = new Counter({
    name: 'webhook_deliveries_total',
    help: 'Outgoing webhook delivery attempts by outcome',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const emailsSent = new Counter({
    name: 'emails_sent_total',
    help: 'E-mails handed to the mail server',
    registers: [registry],
  });
  const emailsFailed = new Counter({
    name: 'emails_failed_total',
    help: 'E-mail send attempts that failed (the outbox retries them)',
    registers: [registry],
  });

  // Scrape-time gauges: prom-client starts every collect() in one pass, so the sources they share
  // are called once per scrape, not once per gauge.
  const seatsHeld = once(sources.seatsHeld);
  const outbox = once(sources.outbox);
  new Gauge({
    name: 'booking_seats_held',
    help: 'Seats held for checkout right now (pending bookings with an unexpired hold)',
    registers: [registry],
    async collect() {
      this.set(await orNaN(seatsHeld, (n) => n));
    },
  });
  new Gauge({
    name: 'outbox_messages',
    help: 'Outbox messages not delivered, by state (due: pending, due now and not leased)',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      const backlog = await orUndefined(outbox);
      this.set({ state: 'pending' }, backlog?.pending ?? Number.NaN);
      this.set({ state: 'due' }, backlog?.due ?? Number.NaN);
      this.set({ state: 'in_flight' }, backlog?.inFlight ?? Number.NaN);
      this.set({ state: 'dead' }, backlog?.dead ?? Number.NaN);
    },
  });
  new Gauge({
    name: 'outbox_oldest_due_age_seconds',
    help: 'Age of the oldest pending outbox message that is due (0 when none is)',
    registers: [registry],
    async collect() {
      const backlog = await orUndefined(outbox);
      if (!backlog) return this.set(Number.NaN);
      const at = backlog.oldestDueAt;
      this.set(at ? Math.max(0, (now().getTime() - at.getTime()) / 1000) : 0);
    },
  });
  new Gauge({
    name: 'db_pool_connections',
    help: 'Database pool connections by state (total, idle, waiting clients, max); embedded: total 1',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const pool = sources.pool?.();
      if (!pool) {
        this.set({ state: 'total' }, 1);
        this.set({ state: 'max' }, 1);
        return;
      }
      this.set({ state: 'total' }, pool.total);
      this.set({ state: 'idle' }, pool.idle);
      this.set({ state: 'waiting' }, pool.waiting);
      this.set({ state: 'max' }, pool.max);
    },
  });

  return {
    contentType: registry.contentType,
    /** The exposition text; scrape-time gauges run their queries here. */
    render: () => registry.metrics(),
    /** `route` is the route pattern (or UNMATCHED_ROUTE), never the raw URL. */
    observeRequest(method: string, route: string, status: number, seconds: number): void {
      requests.observe(method, route, status, seconds);
    },
    bookingsCreated(count: number): void {
      if (count > 0) created.inc(count);
    },
    bookingsCancelled(by: CancelledBy, count = 1): void {
      if (count > 0) cancelled.inc({ by }, count);
    },
    bookingRefused(code: string): void {
      refused.inc({ reason: code });
    },
    webhookDelivery(outcome: WebhookOutcome): void {
      webhooks.inc({ outcome });
    },
    emailSent(): void {
      emailsSent.inc();
    },
    emailFailed(): void {
      emailsFailed.inc();
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** Shares one in-flight call between the gauges scraped together. */
function once<T>(source: (() => Promise<T>) | undefined): (() => Promise<T>) | undefined {
  if (!source) return undefined;
  let running: Promise<T> | undefined;
  return () => {
    running ??= source().finally(() => {
      running = undefined;
    });
    return running;
  };
}

// A failed query (database away) shows as NaN rather than failing the whole scrape.
async function orUndefined<T>(source: (() => Promise<T>) | undefined): Promise<T | undefined> {
  if (!source) return undefined;
  try {
    return await source();
  } catch {
    return undefined;
  }
}

async function orNaN<T>(source: (() => Promise<T>) | undefined, pick: (value: T) => number) {
  const value = await orUndefined(source);
  return value === undefined ? Number.NaN : pick(value);
}
