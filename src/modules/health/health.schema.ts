import { z } from 'zod';

// The health answers, for the OpenAPI document and its drift test.

export const liveness = z.strictObject({ status: z.literal('ok') });

export const readiness = z.strictObject({
  status: z.enum(['ready', 'degraded']),
  database: z.string(),
  redis: z.enum(['ok', 'unreachable']).optional(),
  rateLimits: z.enum(['shared', 'per-instance']),
  sessionCache: z.enum(['on', 'off']),
});

export const notReady = z.strictObject({
  status: z.literal('not ready'),
  code: z.literal('INTERNAL_ERROR'),
  error: z.string(),
});
