import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { stripeAccounts, stripeCredentials } from '../../../db/schema/index.ts';
import type { AccountSnapshot } from './stripe-account-snapshot.ts';

export type StripeAccountRow = typeof stripeAccounts.$inferSelect;

/** The account the platform created for this tenant through Connect onboarding, if any. */
export async function findPlatformAccount(db: Executor, tenantId: number) {
  const [row] = await db
    .select()
    .from(stripeAccounts)
    .where(and(eq(stripeAccounts.tenantId, tenantId), eq(stripeAccounts.createdByPlatform, true)));
  return row;
}

export async function findAccountState(db: Executor, tenantId: number, stripeAccountId: string) {
  const [row] = await db
    .select()
    .from(stripeAccounts)
    .where(and(eq(stripeAccounts.tenantId, tenantId), eq(stripeAccounts.stripeAccountId, stripeAccountId)));
  return row;
}

function stateColumns(snapshot: AccountSnapshot) {
  return {
    accountType: snapshot.type,
    chargesEnabled: snapshot.chargesEnabled,
    payoutsEnabled: snapshot.payoutsEnabled,
    detailsSubmitted: snapshot.detailsSubmitted,
    requirementsDue: snapshot.requirementsDue,
    disabledReason: snapshot.disabledReason,
  };
}

/**
 * Records the account the platform just created for the tenant. A concurrent "Connect" that got
 * the same account (same idempotency key) inserts nothing; either way the tenant's row is returned.
 */
export async function insertPlatformAccount(
  db: Executor,
  values: { tenantId: number; createdBy: number; snapshot: AccountSnapshot; now: Date },
): Promise<StripeAccountRow> {
  await db
    .insert(stripeAccounts)
    .values({
      tenantId: values.tenantId,
      stripeAccountId: values.snapshot.accountId,
      createdByPlatform: true,
      createdBy: values.createdBy,
      createdAt: values.now,
      updatedAt: values.now,
      stripeSnapshotAt: values.snapshot.at,
      ...stateColumns(values.snapshot),
    })
    .onConflictDoNothing();
  const row = await findPlatformAccount(db, values.tenantId);
  if (!row) throw new Error(`tenant ${values.tenantId}: its Connect account row is missing after insert`);
  return row;
}

/**
 * Stores what `accounts.retrieve` just said: the state as of now, so it always applies (a pasted
 * account gets its row here). The last event's time stays: an older event is still refused.
 */
export async function saveAccountState(
  db: Executor,
  values: { tenantId: number; snapshot: AccountSnapshot; now: Date },
): Promise<StripeAccountRow> {
  const state = stateColumns(values.snapshot);
  const [row] = await db
    .insert(stripeAccounts)
    .values({
      tenantId: values.tenantId,
      stripeAccountId: values.snapshot.accountId,
      createdByPlatform: false,
      createdAt: values.now,
      updatedAt: values.now,
      stripeSnapshotAt: values.snapshot.at,
      ...state,
    })
    .onConflictDoUpdate({
      target: [stripeAccounts.tenantId, stripeAccounts.stripeAccountId],
      set: { ...state, updatedAt: values.now },
    })
    .returning();
  return row!;
}

/**
 * `account.updated`: every tenant row for the account takes the event's state, unless it holds a
 * newer snapshot (events arrive in any order). Returns the rows changed.
 */
export async function applyAccountSnapshot(db: Executor, snapshot: AccountSnapshot, now: Date) {
  return db
    .update(stripeAccounts)
    .set({ ...stateColumns(snapshot), stripeSnapshotAt: snapshot.at, updatedAt: now })
    .where(
      and(
        eq(stripeAccounts.stripeAccountId, snapshot.accountId),
        sql`${stripeAccounts.stripeSnapshotAt} <= ${snapshot.at}`,
      ),
    )
    .returning();
}

/**
 * Makes the account the tenant's live Stripe account in `stripe_credentials`, the row checkouts
 * read, superseding a pasted one as `updateStripeCredentials` does — unless that one was pasted
 * after `chosenAt` (the school's latest choice wins). Nothing happens when it is live already.
 * The caller holds the tenant's row lock. A platform-created account has no publishable key of
 * its own (Stripe.js uses the platform's with `stripeAccount`): none is stored.
 */
export async function makeLiveCredential(
  db: Executor,
  values: {
    tenantId: number;
    stripeAccountId: string;
    livemode: boolean;
    createdBy: number | null;
    chosenAt: Date;
    now: Date;
  },
): Promise<boolean> {
  const live = and(eq(stripeCredentials.tenantId, values.tenantId), isNull(stripeCredentials.supersededAt));
  const [current] = await db
    .select({ stripeAccountId: stripeCredentials.stripeAccountId, createdAt: stripeCredentials.createdAt })
    .from(stripeCredentials)
    .where(live);
  if (current?.stripeAccountId === values.stripeAccountId) return false;
  if (current && current.createdAt > values.chosenAt) return false;
  if (current) await db.update(stripeCredentials).set({ supersededAt: values.now }).where(live);
  await db.insert(stripeCredentials).values({
    tenantId: values.tenantId,
    stripeAccountId: values.stripeAccountId,
    publishableKey: '',
    livemode: values.livemode,
    createdBy: values.createdBy,
    createdAt: values.now,
  });
  return true;
}
