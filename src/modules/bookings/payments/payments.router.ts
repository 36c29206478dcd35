import { router } from '../../../trpc/init.ts';
import { connectStripe } from './procedures/connect-stripe.ts';
import { getStripeAccount } from './procedures/get-stripe-account.ts';
import { listRecentPayments } from './procedures/list-recent-payments.ts';
import { refreshStripeAccount } from './procedures/refresh-stripe-account.ts';

/** immersio.payments.*: the school's Stripe Connect account and its recent payments (OWNER/ADMIN). */
export const paymentsRouter = router({
  connectStripe,
  getStripeAccount,
  refreshStripeAccount,
  listRecent: listRecentPayments,
});
