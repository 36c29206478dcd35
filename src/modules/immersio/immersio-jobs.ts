import { z } from 'zod';
import type { DeliveryContext } from '../outbox/job-definition.ts';
import { defineJob } from '../outbox/job-definition.ts';
import { WEBHOOK_KIND, webhookEnvelopeSchema } from '../outbox/webhook-event.ts';
import { WEBHOOK_MAX_ATTEMPTS, type WebhookDeliverer, webhookBackoff } from './webhook-delivery.ts';

/**
 * An outgoing webhook event, POSTed signed to the tenant's Immersio webhook URL on the webhook
 * retry schedule. `deliver` is the one `createWebhookDelivery` of the process: it batches the
 * lookups and records of deliveries that run together.
 */
export const webhookJob = defineJob({
  kind: WEBHOOK_KIND,
  payload: webhookEnvelopeSchema,
  handle: (payload, ctx, deliver: WebhookDeliverer) => deliver(payload, ctx),
  backoff: (attempt) => webhookBackoff(attempt),
  maxAttempts: WEBHOOK_MAX_ATTEMPTS,
});

export const SYNC_COURSES_KIND = 'immersio.sync-courses';

const syncCoursesJobSchema = z.object({ syncId: z.number() });
export type SyncCoursesJobPayload = z.output<typeof syncCoursesJobSchema>;

/** A course sync the tenant asked for, run from the outbox so it survives a restart. */
export const syncCoursesJob = defineJob({
  kind: SYNC_COURSES_KIND,
  payload: syncCoursesJobSchema,
  handle: (
    payload,
    ctx,
    integration: { syncHandler(payload: SyncCoursesJobPayload, ctx: DeliveryContext): Promise<void> },
  ) => integration.syncHandler(payload, ctx),
});
