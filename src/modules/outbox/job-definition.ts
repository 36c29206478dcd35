import type { z } from 'zod';

export interface DeliveryContext {
  id: number;
  /** 1 on the first delivery attempt. */
  attempt: number;
  tenantId: number | null;
}

/**
 * One kind of outbox job, defined once: the `kind` stored with its messages, the schema their
 * payload must pass before the handler sees it, and the handler. The handler's dependencies are
 * given when the job is registered (`registerJob`), so a definition can live next to the code it
 * runs without building anything.
 *
 * Handlers: resolve = delivered; throw = retry later. Delivery is at-least-once (a crash after the
 * side effect but before it is recorded repeats it), so handlers should be idempotent or harmless
 * to repeat. A thrown error may carry `retryAfterMs: number` to retry after that delay instead of
 * the backoff (e.g. HTTP 429), or `permanent: true` to give up at once.
 */
export interface JobDefinition<K extends string, S extends z.ZodType, D> {
  readonly kind: K;
  readonly payload: S;
  readonly handle: (payload: z.output<S>, ctx: DeliveryContext, deps: D) => Promise<void>;
  /** A retry schedule of its own (e.g. webhooks); the worker's `backoff` otherwise. */
  readonly backoff?: (attempt: number) => number;
  /** Attempts before a message is dead; the worker's `maxAttempts` otherwise. */
  readonly maxAttempts?: number;
}

/** What a job's messages carry when they are written: the schema's input. */
export type JobPayload<J extends { payload: z.ZodType }> = z.input<J['payload']>;

/** Infers the kind as a literal, the payload from the schema and the deps from the handler. */
export function defineJob<const K extends string, S extends z.ZodType, D>(
  job: JobDefinition<K, S, D>,
): JobDefinition<K, S, D> {
  return job;
}
