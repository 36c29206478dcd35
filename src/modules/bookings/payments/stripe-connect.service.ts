import { connectStripe } from './connect-stripe.ts';
import { listRecentPayments } from './list-payment-activity.ts';
import type { ActivityCursor } from './payment-activity.repo.ts';
import { getStripeAccount, refreshStripeAccount } from './stripe-account-view.ts';
import type { StripeConnectDeps } from './stripe-connect-deps.ts';

/**
 * Stripe Connect onboarding for the staff app's payments screen: the school's connected account
 * (created here, or pasted through updateStripeCredentials), its state, and the money that moved.
 * `account.updated` reaches it through the payments webhook (apply-account-updated.ts).
 */
export function createStripeConnectService(deps: StripeConnectDeps) {
  return {
    connect: (input: { tenantId: number; actorId: number }) => connectStripe(deps, input),
    getAccount: (input: { tenantId: number }) => getStripeAccount(deps, input),
    refreshAccount: (input: { tenantId: number }) => refreshStripeAccount(deps, input),
    listRecent: (input: { tenantId: number; limit: number; cursor?: ActivityCursor | undefined }) =>
      listRecentPayments(deps, input),
  };
}

export type StripeConnectService = ReturnType<typeof createStripeConnectService>;
