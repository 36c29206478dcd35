import { z } from 'zod';
import { dbId } from '../../../lib/boundary.schema.ts';

export const WEBHOOK_EVENTS = [
  'WORKSHOP_CREATED',
  'BOOKING_CREATED',
  'BOOKING_CANCELLED',
  'PAYMENT_COMPLETED',
  // Beyond the spec (docs/webhooks.md): a booking moved to another time.
  'BOOKING_RESCHEDULED',
  // Beyond the spec (docs/webhooks.md): staff marked a booking attended or no-show.
  'ATTENDANCE_MARKED',
  // Beyond the spec (docs/privacy.md): a school erased a student's personal data.
  'STUDENT_ERASED',
] as const;
export const DELIVERY_STATUSES = ['pending', 'failed', 'delivered', 'dead'] as const;

export const listDeliveriesInput = z.object({
  /** pending: not tried yet; failed: tried, retry scheduled; delivered; dead: gave up. */
  status: z.enum(DELIVERY_STATUSES).optional(),
  event: z.enum(WEBHOOK_EVENTS).optional(),
  limit: z.number().int().min(1).max(100).default(50),
  /** `nextCursor` of the previous page. */
  cursor: dbId().optional(),
});

export const webhookAttemptOutput = z.object({
  id: z.number(),
  attempt: z.number(),
  url: z.string(),
  statusCode: z.number().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().nullable(),
  createdAt: z.date(),
});

export const webhookMessageOutput = z.object({
  messageId: z.number(),
  /** X-Webhook-Id / webhook-id: the same on every attempt. */
  webhookId: z.string(),
  event: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number(),
  nextAttemptAt: z.date().nullable(),
  inFlight: z.boolean(),
  lastError: z.string().nullable(),
  createdAt: z.date(),
  deliveredAt: z.date().nullable(),
  payload: z.unknown(),
  deliveries: z.array(webhookAttemptOutput),
});

export const listDeliveriesOutput = z.object({
  items: z.array(webhookMessageOutput),
  nextCursor: z.number().nullable(),
});
