import { AppError } from '../../../lib/errors.ts';
import { isPermanentStripeError, type StripeGateway } from './stripe-gateway.ts';

/**
 * Checks with Stripe that the account exists and is connected to this platform; a refusal
 * is a VALIDATION_ERROR naming the field. Without Stripe configured there is nothing to ask.
 */
export async function verifyAccount(
  deps: { gateway: StripeGateway | undefined },
  accountId: string,
): Promise<void> {
  if (!deps.gateway) return;
  try {
    const account = await deps.gateway.stripe.accounts.retrieve(accountId);
    if (account.id !== accountId) throw new Error(`Stripe answered for ${account.id}`);
  } catch (error) {
    if (isPermanentStripeError(error)) {
      throw new AppError(
        'VALIDATION_ERROR',
        'stripeAccountId: Stripe does not know this account, or it is not connected to this platform',
        { cause: error, issues: [{ path: 'stripeAccountId', message: 'unknown or not connected' }] },
      );
    }
    throw error;
  }
}
