import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './identity.ts';
import { tenants } from './tenants.ts';

/**
 * What Stripe last said about a school's connected account: the one the platform created for it
 * through Connect onboarding (`createdByPlatform`, at most one per tenant, reused by every
 * "Connect with Stripe"), or one the school pasted (state only). Kept fresh by `account.updated`
 * and `accounts.retrieve`; `stripeSnapshotAt` is the `created` of the last `account.updated`
 * applied (the account's own at first), so an older event delivered late never overwrites a newer
 * state. The account id a checkout uses stays in `stripe_credentials`.
 */
export const stripeAccounts = pgTable(
  'stripe_accounts',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    stripeAccountId: text('stripe_account_id').notNull(),
    createdByPlatform: boolean('created_by_platform').notNull(),
    accountType: text('account_type'),
    chargesEnabled: boolean('charges_enabled').notNull().default(false),
    payoutsEnabled: boolean('payouts_enabled').notNull().default(false),
    detailsSubmitted: boolean('details_submitted').notNull().default(false),
    /** Stripe's `requirements.currently_due`: what the school must still provide. */
    requirementsDue: text('requirements_due').array().notNull().default(sql`'{}'::text[]`),
    disabledReason: text('disabled_reason'),
    stripeSnapshotAt: timestamp('stripe_snapshot_at', { withTimezone: true }).notNull(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('stripe_accounts_tenant_account_uq').on(t.tenantId, t.stripeAccountId),
    // account.updated names only the account.
    index('stripe_accounts_account_idx').on(t.stripeAccountId),
    uniqueIndex('stripe_accounts_platform_uq').on(t.tenantId).where(sql`${t.createdByPlatform}`),
  ],
);
