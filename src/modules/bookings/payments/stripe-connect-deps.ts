import type { Database, Executor } from '../../../db/client.ts';
import type { Env } from '../../../env.ts';
import type { CacheBus } from '../../../lib/cache-bus.ts';
import { lockTenantForLimits } from '../../tenants/tenant-lookup.ts';
import { makeLiveCredential, type StripeAccountRow } from './stripe-accounts.repo.ts';
import type { StripeGateway } from './stripe-gateway.ts';

export interface StripeConnectDeps {
  db: Database;
  env: Pick<Env, 'PUBLIC_BASE_URL'>;
  gateway: StripeGateway | undefined;
  bus: CacheBus;
  now: () => Date;
}

/** Where Stripe sends the admin back: the staff app's payments screen, which refreshes the state. */
export function onboardingUrls(env: Pick<Env, 'PUBLIC_BASE_URL'>) {
  const base = `${env.PUBLIC_BASE_URL.replace(/\/+$/, '')}/app/payments`;
  return { return_url: `${base}?stripe=return`, refresh_url: `${base}?stripe=refresh` };
}

/**
 * Once the account the platform created for a school can take charges, it becomes the school's
 * live Stripe account (the one checkouts use), exactly as if its id had been pasted — unless the
 * school pasted another account after starting onboarding (its latest choice wins). Runs in the
 * caller's transaction; returns whether the live account changed (the caller then publishes a
 * `tenant` event after commit, so cached tenants and booking catalogues see it).
 */
export async function goLiveWhenReady(
  tx: Executor,
  row: StripeAccountRow,
  gateway: StripeGateway | undefined,
  now: Date,
): Promise<boolean> {
  if (!row.createdByPlatform || !row.chargesEnabled) return false;
  // The same lock updateStripeCredentials takes: concurrent writers of the live account take turns.
  await lockTenantForLimits(tx, row.tenantId);
  return makeLiveCredential(tx, {
    tenantId: row.tenantId,
    stripeAccountId: row.stripeAccountId,
    livemode: !(gateway?.testMode ?? true),
    createdBy: row.createdBy,
    chosenAt: row.createdAt,
    now,
  });
}
