import { index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { tenants } from './tenants.ts';

/**
 * Every export and erasure of one student's data (docs/privacy.md). The subject is a keyed hash
 * of the e-mail address, never the address: after an erasure the school can still show that it
 * acted on a request about an address it is given again, without keeping the address itself.
 */
export const privacyAudit = pgTable(
  'privacy_audit',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    /** The staff user's id, or `cli`. */
    actor: text('actor').notNull(),
    /** `export` or `erase`. */
    action: text('action').notNull(),
    subjectEmailHash: text('subject_email_hash').notNull(),
    /** How many rows of each kind were exported or anonymised. */
    counts: jsonb('counts').notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('privacy_audit_tenant_created_idx').on(t.tenantId, t.createdAt)],
);
