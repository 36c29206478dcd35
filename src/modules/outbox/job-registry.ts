import { z } from 'zod';
import type { DeliveryContext, JobDefinition } from './job-definition.ts';

/** A job with its dependencies bound, as the worker runs it; the payload is checked first. */
export interface RegisteredJob {
  readonly kind: string;
  readonly payload: z.ZodType;
  readonly handle: (payload: unknown, ctx: DeliveryContext) => Promise<void>;
  readonly backoff?: (attempt: number) => number;
  readonly maxAttempts?: number;
}

export type JobRegistry = ReadonlyMap<string, RegisteredJob>;

export function registerJob<K extends string, S extends z.ZodType, D>(
  job: JobDefinition<K, S, D>,
  deps: D,
): RegisteredJob {
  return {
    kind: job.kind,
    payload: job.payload,
    // Only the worker calls this, with what `payload` parsed.
    handle: (payload, ctx) => job.handle(payload as z.output<S>, ctx, deps),
    ...(job.backoff && { backoff: job.backoff }),
    ...(job.maxAttempts !== undefined && { maxAttempts: job.maxAttempts }),
  };
}

/** The worker's jobs by kind; a kind registered twice is a wiring mistake, refused at start-up. */
export function createJobRegistry(jobs: readonly RegisteredJob[]): JobRegistry {
  const registry = new Map<string, RegisteredJob>();
  for (const job of jobs) {
    if (registry.has(job.kind)) throw new Error(`Outbox job kind "${job.kind}" is registered twice`);
    registry.set(job.kind, job);
  }
  return registry;
}

/** A payload its job's schema refuses: retrying cannot fix it, so the message is dead at once. */
export class InvalidJobPayloadError extends Error {
  override name = 'InvalidJobPayloadError';
  readonly permanent = true;
  constructor(kind: string, error: z.ZodError) {
    super(`Invalid payload for outbox job "${kind}": ${z.prettifyError(error)}`);
  }
}
