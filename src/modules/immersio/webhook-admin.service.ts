import type { Database } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import {
  type DeliveryStatus,
  findLiveIntegration,
  getWebhookMessage,
  listAttempts,
  listWebhookMessages,
  requeueWebhookMessage,
  setWebhookSecret,
  type WebhookMessageRow,
} from './webhook-deliveries.repo.ts';
import { webhookIdFor } from './webhook-delivery.ts';
import { generateWebhookSecret, sealWebhookSecret, unsealWebhookSecret } from './webhook-secret.ts';

/**
 * What admins do with outgoing webhooks: see every message and its attempts, resend one, read and
 * rotate the signing secret. Every call needs a connected integration (else 400
 * IMMERSIO_NOT_CONNECTED) and is scoped to the caller's tenant: another tenant's message id is
 * 404 NOT_FOUND, the same answer as a missing one.
 */
export function createWebhookAdminService(deps: {
  db: Database;
  appSecret: string;
  now: () => Date;
  wakeOutbox: () => void;
}) {
  const { db } = deps;

  async function requireIntegration(tenantId: number) {
    const integration = await findLiveIntegration(db, tenantId);
    if (!integration) throw new AppError('IMMERSIO_NOT_CONNECTED');
    return integration;
  }

  async function withAttempts(tenantId: number, messages: WebhookMessageRow[]) {
    const attempts = await listAttempts(
      db,
      tenantId,
      messages.map((m) => m.id),
    );
    return messages.map((m) => {
      const payload = (m.payload ?? {}) as { event?: unknown };
      return {
        messageId: m.id,
        webhookId: webhookIdFor(m.id),
        event: typeof payload.event === 'string' ? payload.event : 'unknown',
        status: m.status,
        attempts: m.attempts,
        nextAttemptAt: m.status === 'pending' || m.status === 'failed' ? m.nextAttemptAt : null,
        inFlight: m.lockedUntil !== null && m.lockedUntil.getTime() > Date.now(),
        lastError: m.lastError,
        createdAt: m.createdAt,
        deliveredAt: m.deliveredAt,
        payload: m.payload,
        deliveries: attempts.filter((a) => a.outboxId === m.id).map(({ outboxId: _, ...attempt }) => attempt),
      };
    });
  }

  return {
    async listDeliveries(input: {
      tenantId: number;
      status?: DeliveryStatus | undefined;
      event?: string | undefined;
      limit: number;
      cursor?: number | undefined;
    }) {
      await requireIntegration(input.tenantId);
      const rows = await listWebhookMessages(db, {
        tenantId: input.tenantId,
        limit: input.limit + 1,
        ...(input.status && { status: input.status }),
        ...(input.event && { event: input.event }),
        ...(input.cursor !== undefined && { cursor: input.cursor }),
      });
      const page = rows.slice(0, input.limit);
      return {
        items: await withAttempts(input.tenantId, page),
        nextCursor: rows.length > input.limit ? page[page.length - 1]!.id : null,
      };
    },

    /**
     * Due again now with a fresh retry schedule and the same webhook id; any instance's worker
     * sends it (this one is woken at once). 409 CONFLICT while a delivery of it is in flight, or
     * while the endpoint is disabled after a 410 (nothing would be sent).
     */
    async redeliver(input: { tenantId: number; messageId: number }) {
      const integration = await requireIntegration(input.tenantId);
      const existing = await getWebhookMessage(db, input.tenantId, input.messageId);
      if (!existing) throw new AppError('NOT_FOUND', 'Webhook message not found');
      if (!integration.webhookUrl) throw new AppError('CONFLICT', 'The integration has no webhook URL');
      if (integration.webhookDisabledAt) {
        throw new AppError(
          'CONFLICT',
          'The webhook endpoint answered 410 Gone and is disabled; set the webhook URL again first',
        );
      }
      const requeued = await requeueWebhookMessage(db, input.tenantId, input.messageId);
      if (!requeued) throw new AppError('CONFLICT', 'A delivery of this message is in progress');
      deps.wakeOutbox();
      const [item] = await withAttempts(input.tenantId, [requeued]);
      return item!;
    },

    /**
     * The current signing secret. An integration stored without one (it should have one from
     * `connect`) gets one here, once: concurrent first reads agree on it.
     */
    async getWebhookSecret(input: { tenantId: number }) {
      const integration = await requireIntegration(input.tenantId);
      if (integration.webhookSecretSealed) {
        return {
          secret: unsealWebhookSecret(deps.appSecret, integration.webhookSecretSealed),
          rotatedAt: integration.webhookSecretRotatedAt,
        };
      }
      const secret = generateWebhookSecret();
      const stored = await setWebhookSecret(db, {
        tenantId: input.tenantId,
        sealed: sealWebhookSecret(deps.appSecret, secret),
        now: deps.now(),
        onlyIfMissing: true,
      });
      if (stored) return { secret, rotatedAt: stored.rotatedAt };
      // Another call stored one first: that one is the secret.
      const current = await requireIntegration(input.tenantId);
      if (!current.webhookSecretSealed) throw new AppError('IMMERSIO_NOT_CONNECTED');
      return {
        secret: unsealWebhookSecret(deps.appSecret, current.webhookSecretSealed),
        rotatedAt: current.webhookSecretRotatedAt,
      };
    },

    /**
     * A new secret replaces the old one at once: every attempt from now on (retries of older
     * events included) is signed with it; an attempt already on the wire keeps the old signature.
     * There is no overlap window, so the receiver must switch when the admin rotates.
     */
    async rotateWebhookSecret(input: { tenantId: number }) {
      await requireIntegration(input.tenantId);
      const secret = generateWebhookSecret();
      const stored = await setWebhookSecret(db, {
        tenantId: input.tenantId,
        sealed: sealWebhookSecret(deps.appSecret, secret),
        now: deps.now(),
        onlyIfMissing: false,
      });
      if (!stored) throw new AppError('IMMERSIO_NOT_CONNECTED');
      return { secret, rotatedAt: stored.rotatedAt };
    },
  };
}

export type WebhookAdminService = ReturnType<typeof createWebhookAdminService>;
