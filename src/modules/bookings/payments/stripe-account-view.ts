import { AppError } from '../../../lib/errors.ts';
import { PLANS } from '../../tenants/plans.ts';
import { findTenant } from '../../tenants/tenant-lookup.ts';
import { requireGateway } from './payments-deps.ts';
import { callStripe, stripeAccountObject, toSnapshot } from './stripe-account-snapshot.ts';
import {
  findAccountState,
  findPlatformAccount,
  type StripeAccountRow,
  saveAccountState,
} from './stripe-accounts.repo.ts';
import { goLiveWhenReady, type StripeConnectDeps } from './stripe-connect-deps.ts';

/**
 * The school's Stripe account as the payments screen shows it: the live one (pasted or
 * onboarded), else the one still in onboarding; its state as Stripe last said; the plan's fee.
 */
export async function getStripeAccount(deps: StripeConnectDeps, input: { tenantId: number }) {
  const tenant = await findTenant(deps.db, { id: input.tenantId });
  if (!tenant) throw new AppError('TENANT_NOT_FOUND');
  const platform = await findPlatformAccount(deps.db, tenant.id);
  const accountId = tenant.stripeAccountId ?? platform?.stripeAccountId ?? null;
  const row =
    accountId === null
      ? undefined
      : platform?.stripeAccountId === accountId
        ? platform
        : await findAccountState(deps.db, tenant.id, accountId);
  return view(deps, { plan: tenant.plan, accountId, live: tenant.stripeAccountId !== null, row });
}

/**
 * Asks Stripe (`accounts.retrieve`) for the account's state now: when the admin comes back from
 * onboarding, or asks. The onboarded account goes live here if its webhook has not come yet.
 */
export async function refreshStripeAccount(deps: StripeConnectDeps, input: { tenantId: number }) {
  const { stripe } = requireGateway(deps);
  const tenant = await findTenant(deps.db, { id: input.tenantId });
  if (!tenant) throw new AppError('TENANT_NOT_FOUND');
  const platform = await findPlatformAccount(deps.db, tenant.id);
  const accountId = tenant.stripeAccountId ?? platform?.stripeAccountId;
  if (!accountId) throw new AppError('STRIPE_NOT_CONFIGURED', 'This school has no Stripe account yet');
  const account = stripeAccountObject.parse(
    await callStripe('check the account', () => stripe.accounts.retrieve(accountId)),
  );
  const now = deps.now();
  const changed = await deps.db.transaction(async (tx) => {
    const row = await saveAccountState(tx, {
      tenantId: tenant.id,
      snapshot: toSnapshot(account, new Date((account.created ?? 0) * 1000)),
      now,
    });
    return goLiveWhenReady(tx, row, deps.gateway, now);
  });
  if (changed) await deps.bus.publish({ type: 'tenant', tenantId: tenant.id });
  return getStripeAccount(deps, input);
}

function view(
  deps: StripeConnectDeps,
  input: {
    plan: keyof typeof PLANS;
    accountId: string | null;
    live: boolean;
    row: StripeAccountRow | undefined;
  },
) {
  const { row } = input;
  const plan = PLANS[input.plan];
  return {
    status: !input.accountId
      ? ('not_connected' as const)
      : !row
        ? ('unknown' as const)
        : row.chargesEnabled
          ? ('enabled' as const)
          : ('incomplete' as const),
    accountId: input.accountId,
    /** How the account came: onboarding from this app, or an id pasted by the school. */
    origin: !input.accountId ? null : row?.createdByPlatform ? ('onboarding' as const) : ('pasted' as const),
    /** Whether checkouts use it (a new account is not used until it can take charges). */
    live: input.live,
    state: row
      ? {
          chargesEnabled: row.chargesEnabled,
          payoutsEnabled: row.payoutsEnabled,
          detailsSubmitted: row.detailsSubmitted,
          requirementsDue: row.requirementsDue,
          disabledReason: row.disabledReason,
          checkedAt: row.updatedAt,
        }
      : null,
    testMode: deps.gateway?.testMode ?? false,
    paymentsAvailable: deps.gateway !== undefined,
    // What checkouts charge as the application fee (paid-booking-checkout.ts).
    plan: { type: plan.type, platformFeeBps: plan.platformFeeBps },
  };
}

export type StripeAccountView = Awaited<ReturnType<typeof getStripeAccount>>;
