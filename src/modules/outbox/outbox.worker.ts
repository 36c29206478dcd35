import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Database } from '../../db/client.ts';
import type { Logger } from '../../lib/logger.ts';
import { createBatcher } from './batcher.ts';
import { InvalidJobPayloadError, type JobRegistry } from './job-registry.ts';
import { claimDue, markDeliveredMany, markFailed, type OutboxMessage } from './outbox.repo.ts';

export type { DeliveryContext } from './job-definition.ts';

export interface OutboxWorkerOptions {
  db: Database;
  logger: Logger;
  /**
   * The jobs by kind (`createJobRegistry`): a message's payload is parsed with its job's schema
   * before the handler runs, and one that fails is dead at once. A job's own `backoff` and
   * `maxAttempts` replace the worker's for its kind.
   */
  jobs: JobRegistry;
  pollMs?: number;
  /** Must exceed the longest a handler can take, or a slow delivery may be repeated by another worker. */
  leaseMs?: number;
  batchSize?: number;
  /** Batches the loop delivers at once (default 4): a full batch lets the next one be claimed. */
  concurrency?: number;
  maxAttempts?: number;
  /** Delay before attempt `attempt + 1` after attempt `attempt` failed, for jobs without their own. */
  backoff?: (attempt: number) => number;
  /**
   * Wakes the worker when messages are committed elsewhere (another instance, another
   * connection): LISTEN/NOTIFY on PostgreSQL, PGlite's in-process notifications. Started and
   * stopped with the worker; the poll stays as the safety net.
   */
  wakeSource?: WakeSource;
  clock?: () => Date;
  workerId?: string;
}

export interface WakeSource {
  /** Begins calling `onWake` whenever new messages may be due; keeps doing so until stopped. */
  start(onWake: () => void): void;
  stop(): Promise<void>;
}

export interface OutboxWorker {
  readonly workerId: string;
  start(): void;
  /** Stops polling and resolves once in-flight deliveries have been recorded. */
  stop(): Promise<void>;
  /** Runs a pass now rather than at the next poll tick (call after committing an enqueue). */
  wake(): void;
  /** One claim-and-deliver pass; resolves to the number of messages processed. */
  runOnce(): Promise<number>;
}

const BACKOFF_STEPS_MS = [5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000];
const MAX_BACKOFF_MS = 6 * 3_600_000;
const tracer = trace.getTracer('immersio-booking.outbox');

/** 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, then doubling up to 6 h; ±20 % jitter spreads out retry storms. */
export function defaultBackoff(attempt: number, random: () => number = Math.random): number {
  const index = Math.max(0, attempt - 1);
  const last = BACKOFF_STEPS_MS.length - 1;
  const base = BACKOFF_STEPS_MS[Math.min(index, last)]! * 2 ** Math.max(0, index - last);
  return Math.round(Math.min(base * (0.8 + 0.4 * random()), MAX_BACKOFF_MS));
}

export class UnknownKindError extends Error {
  override name = 'UnknownKindError';
}

export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { db } = options;
  const { jobs } = options;
  const pollMs = options.pollMs ?? 1000;
  const leaseMs = options.leaseMs ?? 60_000;
  const batchSize = options.batchSize ?? 20;
  const concurrency = options.concurrency ?? 4;
  const maxAttempts = options.maxAttempts ?? 10;
  const backoff = options.backoff ?? ((attempt: number) => defaultBackoff(attempt));
  const backoffFor = (kind: string) => jobs.get(kind)?.backoff ?? backoff;
  const maxAttemptsFor = (kind: string) => jobs.get(kind)?.maxAttempts ?? maxAttempts;
  const clock = options.clock ?? (() => new Date());
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const logger = options.logger.child({ component: 'outbox', workerId });

  // Deliveries that finish together are recorded together: one statement and one commit.
  const markDelivered = createBatcher(async (ids: number[]) => {
    const recorded = await markDeliveredMany(db, ids, workerId, clock());
    return ids.map((id) => recorded.has(id));
  });

  // runOnce() passes (tests, tools): one at a time.
  let current: Promise<number> | null = null;
  let started = false;
  let timer: NodeJS.Timeout | undefined;
  // The loop's passes still delivering, and whether one of them is claiming right now.
  const loopPasses = new Set<Promise<boolean>>();
  let claiming = false;
  let rerun = false;

  async function pass(): Promise<number> {
    const messages = await claimDue(db, { workerId, limit: batchSize, leaseMs, now: clock() });
    // Handlers run after the claim statement has committed: no transaction (and, on PGlite, no
    // connection) is held while they wait on the network.
    await Promise.allSettled(messages.map(deliver));
    return messages.length;
  }

  // One span per delivery when tracing is on (OTEL_EXPORTER_OTLP_ENDPOINT); a no-op otherwise.
  function deliver(message: OutboxMessage): Promise<void> {
    const attributes = {
      'outbox.kind': message.kind,
      'outbox.id': message.id,
      'outbox.attempt': message.attempts + 1,
    };
    return tracer.startActiveSpan(`outbox ${message.kind}`, { kind: SpanKind.CONSUMER, attributes }, (span) =>
      deliverInSpan(message).finally(() => span.end()),
    );
  }

  async function deliverInSpan(message: OutboxMessage): Promise<void> {
    const attempt = message.attempts + 1;
    const fields = { outboxId: message.id, kind: message.kind, tenantId: message.tenantId, attempt };
    try {
      try {
        const ctx = { id: message.id, attempt, tenantId: message.tenantId };
        const job = jobs.get(message.kind);
        // Retried like any failure: a later deploy may add the job before attempts run out.
        if (!job) throw new UnknownKindError(`No outbox handler for kind "${message.kind}"`);
        const parsed = job.payload.safeParse(message.payload);
        if (!parsed.success) throw new InvalidJobPayloadError(message.kind, parsed.error);
        await job.handle(parsed.data, ctx);
      } catch (err) {
        trace.getActiveSpan()?.setStatus({ code: SpanStatusCode.ERROR, message: describe(err) });
        await recordFailure(message, attempt, err, fields);
        return;
      }
      if (!(await markDelivered(message.id))) {
        logger.warn(fields, 'outbox: delivered after the lease was lost; another worker may repeat it');
      }
    } catch (err) {
      // The database failed while recording: the lease lapses and the message is retried.
      logger.error({ ...fields, err }, 'outbox: could not record the delivery result');
    }
  }

  async function recordFailure(
    message: OutboxMessage,
    attempt: number,
    err: unknown,
    fields: Record<string, unknown>,
  ): Promise<void> {
    const error = describe(err);
    const dead = attempt >= maxAttemptsFor(message.kind) || isPermanent(err);
    const delay = retryAfterMs(err) ?? backoffFor(message.kind)(attempt);
    const nextAttemptAt = dead ? null : new Date(clock().getTime() + delay);
    const recorded = await markFailed(db, message.id, workerId, { error, nextAttemptAt });
    if (!recorded) {
      logger.warn({ ...fields, error }, 'outbox: failed after the lease was lost; left to the new owner');
    } else if (dead) {
      logger.error({ ...fields, error }, 'outbox: message is dead, giving up');
    } else {
      logger.warn({ ...fields, error, nextAttemptAt }, 'outbox: delivery failed, will retry');
    }
  }

  async function runOnce(): Promise<number> {
    // One pass at a time per worker; callers arriving mid-pass run the next one.
    while (current) await current.catch(() => {});
    const mine = pass();
    current = mine;
    try {
      return await mine;
    } finally {
      if (current === mine) current = null;
    }
  }

  function schedule(ms: number) {
    clearTimeout(timer);
    timer = started ? setTimeout(tick, ms) : undefined;
  }

  /**
   * The loop: a pass claims a batch and delivers it. When the batch was full (more is due) or a
   * wake() came in, the next pass claims while this one is still delivering, up to `concurrency`
   * passes at once: one slow receiver holds up its own batch, not the whole outbox, and the
   * database round trips of one batch overlap the deliveries of another. Claims run one at a
   * time; SKIP LOCKED keeps the batches of passes (and of other workers) apart.
   */
  function tick() {
    timer = undefined;
    if (!started) return;
    if (claiming || loopPasses.size >= concurrency) {
      rerun = true;
      return;
    }
    claiming = true;
    rerun = false;
    const run = (async () => {
      let messages: OutboxMessage[] = [];
      try {
        messages = await claimDue(db, { workerId, limit: batchSize, leaseMs, now: clock() });
      } catch (err) {
        logger.error({ err }, 'outbox: pass failed');
      } finally {
        claiming = false;
      }
      const full = messages.length >= batchSize;
      if (full || rerun) schedule(0);
      await Promise.allSettled(messages.map(deliver));
      return full;
    })();
    loopPasses.add(run);
    void run.then((full) => {
      loopPasses.delete(run);
      if (!started) return;
      // A full batch suggests more is due, and a wake() during the pass may have missed the claim.
      if (full || rerun) schedule(0);
      else if (!timer && !claiming && loopPasses.size === 0) schedule(pollMs);
    });
  }

  function wake() {
    if (!started) return;
    if (claiming || loopPasses.size >= concurrency) rerun = true;
    else schedule(0);
  }

  return {
    workerId,
    start() {
      if (started) return;
      started = true;
      options.wakeSource?.start(wake);
      schedule(0);
    },
    async stop() {
      const wasStarted = started;
      started = false;
      clearTimeout(timer);
      timer = undefined;
      if (wasStarted) await options.wakeSource?.stop();
      while (current) await current.catch(() => {});
      while (loopPasses.size > 0) await Promise.allSettled([...loopPasses]);
    },
    wake,
    runOnce,
  };
}

function describe(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}

function retryAfterMs(err: unknown): number | undefined {
  const value = (err as { retryAfterMs?: unknown } | null)?.retryAfterMs;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function isPermanent(err: unknown): boolean {
  return (err as { permanent?: unknown } | null)?.permanent === true;
}
