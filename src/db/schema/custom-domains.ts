import { sql } from 'drizzle-orm';
import { integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { tenants } from './tenants.ts';

/**
 * A school's own domain for its booking site (issue 20): claimed with a DNS TXT record holding
 * `token`, then verified. Only verified domains route requests or get certificates, and a domain
 * is verified for at most one school (the partial unique index); claims are per school.
 */
export const customDomains = pgTable(
  'custom_domains',
  {
    tenantId: integer('tenant_id')
      .primaryKey()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    /** Lower-case host name, e.g. `book.myschool.edu`. */
    domain: text('domain').notNull(),
    token: text('token').notNull(),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    checkedAt: timestamp('checked_at', { withTimezone: true }),
    /** Why the last check failed (shown to the school); null after a success. */
    checkError: text('check_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('custom_domains_verified_domain_uq').on(t.domain).where(sql`${t.verifiedAt} is not null`),
  ],
);
