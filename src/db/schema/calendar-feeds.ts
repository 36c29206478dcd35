import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { users } from './identity.ts';
import { tenants } from './tenants.ts';

/**
 * The private iCalendar feed of a staff member's classes (`teacher`: the sessions they teach) or,
 * for an admin, of the whole school (`school`). The token in the feed's URL is an HMAC of
 * `nonce` under APP_SECRET, so the app can show the URL again while the table holds only its
 * SHA-256; a reset draws a new nonce.
 */
export const calendarFeedTokens = pgTable(
  'calendar_feed_tokens',
  {
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    scope: text('scope', { enum: ['teacher', 'school'] }).notNull(),
    nonce: text('nonce').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.userId, t.scope] }),
    unique('calendar_feed_tokens_tenant_hash_uq').on(t.tenantId, t.tokenHash),
    index('calendar_feed_tokens_hash_idx').on(t.tokenHash),
    check('calendar_feed_tokens_scope', sql`${t.scope} in ('teacher', 'school')`),
  ],
);
