import { z } from 'zod';
import type { DeliveryContext } from '../../src/modules/outbox/job-definition.ts';
import { createJobRegistry, type JobRegistry } from '../../src/modules/outbox/job-registry.ts';

export type TestJobHandler = (payload: unknown, ctx: DeliveryContext) => Promise<void>;

export interface TestJob {
  handle: TestJobHandler;
  backoff?: (attempt: number) => number;
  maxAttempts?: number;
}

/**
 * Jobs for tests of the worker itself (claims, retries, leases, wake-ups): each kind takes any
 * payload, since what is under test is the delivery, not a schema.
 */
export function jobsOf(jobs: Record<string, TestJobHandler | TestJob>): JobRegistry {
  return createJobRegistry(
    Object.entries(jobs).map(([kind, job]) => ({
      kind,
      payload: z.unknown(),
      ...(typeof job === 'function' ? { handle: job } : job),
    })),
  );
}
