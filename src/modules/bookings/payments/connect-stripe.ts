import { AppError } from '../../../lib/errors.ts';
import { findTenant } from '../../tenants/tenant-lookup.ts';
import { requireGateway } from './payments-deps.ts';
import { callStripe, stripeAccountObject, toSnapshot } from './stripe-account-snapshot.ts';
import { findPlatformAccount, insertPlatformAccount } from './stripe-accounts.repo.ts';
import { onboardingUrls, type StripeConnectDeps } from './stripe-connect-deps.ts';

/**
 * "Connect with Stripe": the school's Express account (created on the first call, reused on every
 * later one) and a fresh Account Link to Stripe's hosted onboarding, which returns to the app.
 */
export async function connectStripe(
  deps: StripeConnectDeps,
  input: { tenantId: number; actorId: number },
): Promise<{ url: string; accountId: string }> {
  const { stripe } = requireGateway(deps);
  const tenant = await findTenant(deps.db, { id: input.tenantId });
  if (!tenant) throw new AppError('TENANT_NOT_FOUND');
  let row = await findPlatformAccount(deps.db, tenant.id);
  if (!row) {
    const account = await callStripe('create the connected account', () =>
      stripe.accounts.create(
        {
          type: 'express',
          business_profile: { name: tenant.name },
          capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
          metadata: { tenantId: String(tenant.id), tenantSlug: tenant.slug },
        },
        // Two clicks (or a retry after a lost answer) get the same account, not two.
        { idempotencyKey: `connect-account-${tenant.slug}-${tenant.id}` },
      ),
    );
    const parsed = stripeAccountObject.parse(account);
    row = await insertPlatformAccount(deps.db, {
      tenantId: tenant.id,
      createdBy: input.actorId,
      snapshot: toSnapshot(parsed, new Date((parsed.created ?? 0) * 1000)),
      now: deps.now(),
    });
  }
  const accountId = row.stripeAccountId;
  const link = await callStripe('start the onboarding', () =>
    stripe.accountLinks.create({
      account: accountId,
      type: 'account_onboarding',
      ...onboardingUrls(deps.env),
    }),
  );
  return { url: link.url, accountId };
}
