import type { Database } from '../../db/client.ts';
import type { Env } from '../../env.ts';
import type { Logger } from '../../lib/logger.ts';
import type { WebhookOutcome } from '../../lib/metrics/registry.ts';
import { createWebhookDelivery, type WebhookDeliverer } from './webhook-delivery.ts';

/**
 * Outgoing webhook events (WORKSHOP_CREATED, BOOKING_CREATED, BOOKING_CANCELLED,
 * PAYMENT_COMPLETED) are written to the outbox in the transaction that causes them and POSTed,
 * signed, to the tenant's Immersio webhook URL (webhook-delivery.ts). A tenant without a
 * connected integration, a webhook URL, or with its endpoint disabled (410) has nothing sent: the
 * message is done, logged at debug level.
 */
export function webhookHandler(deps: {
  db: Database;
  env: Pick<Env, 'NODE_ENV' | 'ALLOW_PRIVATE_WEBHOOK_URLS'> & { APP_SECRET: string };
  logger: Logger;
  onOutcome?: (outcome: WebhookOutcome) => void;
}): WebhookDeliverer {
  return createWebhookDelivery({
    db: deps.db,
    logger: deps.logger,
    appSecret: deps.env.APP_SECRET,
    allowPrivate: deps.env.ALLOW_PRIVATE_WEBHOOK_URLS,
    requireHttps: deps.env.NODE_ENV === 'production',
    ...(deps.onOutcome && { onOutcome: deps.onOutcome }),
  });
}
