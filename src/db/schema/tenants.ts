import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  pgEnum,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from './identity.ts';

export const planType = pgEnum('plan_type', ['lite', 'starter', 'growth', 'pro', 'enterprise']);
export const memberRole = pgEnum('member_role', ['OWNER', 'ADMIN', 'MEMBER']);

export const tenants = pgTable('tenants', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  logoUrl: text('logo_url'),
  plan: planType('plan').notNull().default('lite'),
  timeZone: text('time_zone').notNull().default('UTC'),
  /** The language pages and e-mails fall back to (issue 18): a supported locale tag. */
  defaultLanguage: text('default_language').notNull().default('en'),
  /** The languages the school's pages offer; null offers every supported one (new ones too). */
  pageLanguages: text('page_languages').array(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const memberships = pgTable(
  'memberships',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: memberRole('role').notNull().default('MEMBER'),
    /** Whether this member gets the 07:00 e-mail of their day's sessions here (issue 17). */
    dailyDigest: boolean('daily_digest').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('memberships_tenant_user_uq').on(t.tenantId, t.userId),
    index('memberships_user_idx').on(t.userId),
  ],
);

export const invites = pgTable(
  'invites',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    name: text('name'),
    role: memberRole('role').notNull().default('MEMBER'),
    // Only a SHA-256 of the token is stored: a database leak does not leak usable invites.
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: integer('invited_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedUserId: integer('accepted_user_id').references(() => users.id, { onDelete: 'set null' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // At most one open (not accepted, not revoked) invite per email and tenant.
    uniqueIndex('invites_open_email_uq')
      .on(t.tenantId, t.email)
      .where(sql`${t.acceptedAt} is null and ${t.revokedAt} is null`),
  ],
);

export const stripeCredentials = pgTable(
  'stripe_credentials',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    stripeAccountId: text('stripe_account_id').notNull(),
    publishableKey: text('publishable_key').notNull(),
    livemode: boolean('livemode').notNull(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    // A newer row supersedes older ones; history is kept for audit.
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('stripe_credentials_active_uq').on(t.tenantId).where(sql`${t.supersededAt} is null`)],
);
