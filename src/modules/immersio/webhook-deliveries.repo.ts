import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import { immersioIntegrations, webhookDeliveries } from '../../db/schema/immersio.ts';
import { WEBHOOK_KIND } from '../outbox/webhook-event.ts';

// Outgoing webhooks: the tenant's live integration as delivery needs it, one row per delivery
// attempt, and the outbox's `webhook` messages as admins see them. Every query is scoped by tenant.

export interface WebhookEndpoint {
  integrationId: number;
  webhookUrl: string | null;
  webhookSecretSealed: string | null;
  webhookSecretRotatedAt: Date | null;
  webhookDisabledAt: Date | null;
}

/** The tenant's connected (not disconnected) integration, if any. */
export async function findLiveIntegration(
  db: Executor,
  tenantId: number,
): Promise<WebhookEndpoint | undefined> {
  const [row] = await db
    .select({
      integrationId: immersioIntegrations.id,
      webhookUrl: immersioIntegrations.webhookUrl,
      webhookSecretSealed: immersioIntegrations.webhookSecretSealed,
      webhookSecretRotatedAt: immersioIntegrations.webhookSecretRotatedAt,
      webhookDisabledAt: immersioIntegrations.webhookDisabledAt,
    })
    .from(immersioIntegrations)
    .where(and(eq(immersioIntegrations.tenantId, tenantId), isNull(immersioIntegrations.disconnectedAt)))
    .limit(1);
  return row;
}

/** `findLiveIntegration` for many tenants in one query. */
export async function findLiveIntegrations(
  db: Executor,
  tenantIds: number[],
): Promise<Map<number, WebhookEndpoint>> {
  if (tenantIds.length === 0) return new Map();
  const rows = await db
    .select({
      tenantId: immersioIntegrations.tenantId,
      integrationId: immersioIntegrations.id,
      webhookUrl: immersioIntegrations.webhookUrl,
      webhookSecretSealed: immersioIntegrations.webhookSecretSealed,
      webhookSecretRotatedAt: immersioIntegrations.webhookSecretRotatedAt,
      webhookDisabledAt: immersioIntegrations.webhookDisabledAt,
    })
    .from(immersioIntegrations)
    .where(
      and(
        inArray(immersioIntegrations.tenantId, [...new Set(tenantIds)]),
        isNull(immersioIntegrations.disconnectedAt),
      ),
    );
  return new Map(rows.map(({ tenantId, ...endpoint }) => [tenantId, endpoint]));
}

export interface NewAttempt {
  tenantId: number;
  outboxId: number;
  webhookId: string;
  event: string;
  url: string;
  attempt: number;
  statusCode: number | null;
  error: string | null;
  durationMs: number | null;
}

const MAX_ERROR_LENGTH = 1000;

export async function recordAttempts(db: Executor, attempts: NewAttempt[]): Promise<void> {
  if (attempts.length === 0) return;
  await db
    .insert(webhookDeliveries)
    .values(
      attempts.map((a) => ({ ...a, error: a.error === null ? null : a.error.slice(0, MAX_ERROR_LENGTH) })),
    );
}

/**
 * After a 410 Gone: no more deliveries to this URL. Only while the URL is still the one that
 * answered 410 (setting a new URL, or the same one again, is what enables it). False when it was
 * already disabled or the URL changed meanwhile.
 */
export async function disableEndpoint(
  db: Executor,
  input: { integrationId: number; url: string; now: Date },
): Promise<boolean> {
  const rows = await db
    .update(immersioIntegrations)
    .set({ webhookDisabledAt: input.now, updatedAt: input.now })
    .where(
      and(
        eq(immersioIntegrations.id, input.integrationId),
        eq(immersioIntegrations.webhookUrl, input.url),
        isNull(immersioIntegrations.webhookDisabledAt),
      ),
    )
    .returning({ id: immersioIntegrations.id });
  return rows.length > 0;
}

/**
 * Stores a new sealed signing secret on the live integration. With `onlyIfMissing`, only when it
 * has none yet (so two concurrent first reads agree on one secret). Undefined when nothing changed.
 */
export async function setWebhookSecret(
  db: Executor,
  input: { tenantId: number; sealed: string; now: Date; onlyIfMissing: boolean },
): Promise<{ sealed: string; rotatedAt: Date | null } | undefined> {
  const [row] = await db
    .update(immersioIntegrations)
    .set({ webhookSecretSealed: input.sealed, webhookSecretRotatedAt: input.now, updatedAt: input.now })
    .where(
      and(
        eq(immersioIntegrations.tenantId, input.tenantId),
        isNull(immersioIntegrations.disconnectedAt),
        input.onlyIfMissing ? isNull(immersioIntegrations.webhookSecretSealed) : undefined,
      ),
    )
    .returning({
      sealed: immersioIntegrations.webhookSecretSealed,
      rotatedAt: immersioIntegrations.webhookSecretRotatedAt,
    });
  return row?.sealed ? { sealed: row.sealed, rotatedAt: row.rotatedAt } : undefined;
}

export type DeliveryStatus = 'pending' | 'failed' | 'delivered' | 'dead';

export interface WebhookMessageRow {
  id: number;
  payload: unknown;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date;
  lockedUntil: Date | null;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

interface RawMessage {
  id: number | string | bigint;
  payload: unknown;
  status: 'pending' | 'delivered' | 'dead';
  attempts: number;
  next_attempt_at: Date | string;
  locked_until: Date | string | null;
  last_error: string | null;
  created_at: Date | string;
  delivered_at: Date | string | null;
}

const date = (v: Date | string | null) => (v === null ? null : new Date(v));

function toMessage(r: RawMessage): WebhookMessageRow {
  return {
    id: Number(r.id),
    payload: r.payload,
    // A pending message that has been tried is waiting for its retry: "failed" to an admin.
    status: r.status === 'pending' && r.attempts > 0 ? 'failed' : r.status,
    attempts: r.attempts,
    nextAttemptAt: new Date(r.next_attempt_at),
    lockedUntil: date(r.locked_until),
    lastError: r.last_error,
    createdAt: new Date(r.created_at),
    deliveredAt: date(r.delivered_at),
  };
}

const MESSAGE_COLUMNS = sql.raw(
  'id, payload, status, attempts, next_attempt_at, locked_until, last_error, created_at, delivered_at',
);

const STATUS_FILTER: Record<DeliveryStatus, ReturnType<typeof sql>> = {
  pending: sql`and status = 'pending' and attempts = 0`,
  failed: sql`and status = 'pending' and attempts > 0`,
  delivered: sql`and status = 'delivered'`,
  dead: sql`and status = 'dead'`,
};

/** The tenant's webhook messages, newest first; `cursor` is the last id of the previous page. */
export async function listWebhookMessages(
  db: Executor,
  input: { tenantId: number; status?: DeliveryStatus; event?: string; limit: number; cursor?: number },
): Promise<WebhookMessageRow[]> {
  const rows = await queryRows<RawMessage>(
    db,
    sql`select ${MESSAGE_COLUMNS} from outbox
        where tenant_id = ${input.tenantId} and kind = ${WEBHOOK_KIND}
          ${input.cursor === undefined ? sql`` : sql`and id < ${input.cursor}`}
          ${input.event === undefined ? sql`` : sql`and payload->>'event' = ${input.event}`}
          ${input.status === undefined ? sql`` : STATUS_FILTER[input.status]}
        order by id desc
        limit ${input.limit}`,
  );
  return rows.map(toMessage);
}

export async function getWebhookMessage(
  db: Executor,
  tenantId: number,
  id: number,
): Promise<WebhookMessageRow | undefined> {
  const [row] = await queryRows<RawMessage>(
    db,
    sql`select ${MESSAGE_COLUMNS} from outbox
        where id = ${id} and tenant_id = ${tenantId} and kind = ${WEBHOOK_KIND}`,
  );
  return row && toMessage(row);
}

export async function listAttempts(db: Executor, tenantId: number, outboxIds: number[]) {
  if (outboxIds.length === 0) return [];
  return db
    .select({
      id: webhookDeliveries.id,
      outboxId: webhookDeliveries.outboxId,
      attempt: webhookDeliveries.attempt,
      url: webhookDeliveries.url,
      statusCode: webhookDeliveries.statusCode,
      error: webhookDeliveries.error,
      durationMs: webhookDeliveries.durationMs,
      createdAt: webhookDeliveries.createdAt,
    })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.tenantId, tenantId), inArray(webhookDeliveries.outboxId, outboxIds)))
    .orderBy(asc(webhookDeliveries.outboxId), asc(webhookDeliveries.id));
}

/**
 * Makes a webhook message due again now with a fresh retry schedule (attempts back to 0; the
 * webhook id, derived from the message id, stays). Not while a worker holds it: undefined then.
 * Uses the database's clock, like `enqueue`.
 */
export async function requeueWebhookMessage(
  db: Executor,
  tenantId: number,
  id: number,
): Promise<WebhookMessageRow | undefined> {
  const [row] = await queryRows<RawMessage>(
    db,
    sql`update outbox
        set status = 'pending', attempts = 0, next_attempt_at = now(), delivered_at = null,
            locked_until = null, locked_by = null
        where id = ${id} and tenant_id = ${tenantId} and kind = ${WEBHOOK_KIND}
          and (locked_until is null or locked_until < now() or status <> 'pending')
        returning ${MESSAGE_COLUMNS}`,
  );
  return row && toMessage(row);
}
