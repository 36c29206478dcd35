import { AppError } from '../../../lib/errors.ts';
import { isPermanentStripeError, isTransientStripeError, type StripeGateway } from './stripe-gateway.ts';

/**
 * Checks with Stripe that the account exists and is connected to this platform; a refusal
 * is a VALIDATION_ERROR naming the field. Without Stripe configured there is nothing to ask.
 * Stripe unreachable, timing out or answering 5xx/429/409 (after the SDK's own retries) says
 * nothing about the account: nothing is saved and the answer is 503 SERVICE_UNAVAILABLE (a
 * documented extension: the spec's table has no code for a third party being away), never a 500.
 */
export async function verifyAccount(
  deps: { gateway: StripeGateway | undefined },
  accountId: string,
): Promise<void> {
  if (!deps.gateway) return;
  let answeredFor: string;
  try {
    answeredFor = (await deps.gateway.stripe.accounts.retrieve(accountId)).id;
  } catch (error) {
    if (isPermanentStripeError(error)) {
      throw new AppError(
        'VALIDATION_ERROR',
        'stripeAccountId: Stripe does not know this account, or it is not connected to this platform',
        { cause: error, issues: [{ path: 'stripeAccountId', message: 'unknown or not connected' }] },
      );
    }
    if (!isTransientStripeError(error)) throw error;
    throw new AppError(
      'SERVICE_UNAVAILABLE',
      'Stripe could not be reached to check the account: nothing was saved, try again in a minute',
      { cause: error },
    );
  }
  if (answeredFor !== accountId) throw new Error(`Stripe answered for ${answeredFor}, not ${accountId}`);
}
