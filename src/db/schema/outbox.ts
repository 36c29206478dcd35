import { bigserial, index, integer, jsonb, pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const outboxStatus = pgEnum('outbox_status', ['pending', 'delivered', 'dead']);

/**
 * Side effects written in the same transaction as the change that causes them and delivered
 * by the worker. A row is claimed by setting `locked_until` (a lease): if the process dies
 * mid-delivery the lease lapses and another worker picks the row up, so nothing is lost.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: integer('tenant_id'),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull(),
    status: outboxStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lockedBy: text('locked_by'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    index('outbox_due_idx').on(t.status, t.nextAttemptAt),
    // A tenant's webhook messages newest first (listWebhookMessages: tenant, kind, id < cursor).
    index('outbox_tenant_kind_id_idx').on(t.tenantId, t.kind, t.id),
  ],
);
