import { z } from 'zod';
import { AppError } from '../../../lib/errors.ts';
import { isPermanentStripeError, isTransientStripeError } from './stripe-gateway.ts';

/** What this service keeps of a Stripe account: whether it can take charges and what is due. */
export interface AccountSnapshot {
  accountId: string;
  type: string | null;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
  /** `requirements.currently_due` (past-due items are in it too). */
  requirementsDue: string[];
  disabledReason: string | null;
  /**
   * For `account.updated`, the event's `created`: events arrive in any order, and an older one
   * never overwrites a newer one's state. For a retrieve, the account's own `created`.
   */
  at: Date;
}

const requirementName = z.string().min(1).max(200);

/**
 * The part of a Stripe account object this service reads. Validly signed events can still be
 * malformed (a test tool, another API version): such a one is refused with a 400 naming the field.
 */
export const stripeAccountObject = z
  .object({
    id: z.string().regex(/^acct_[A-Za-z0-9]{1,250}$/),
    object: z.literal('account').optional(),
    type: z.string().max(50).nullish(),
    created: z.number().int().min(0).nullish(),
    charges_enabled: z.boolean().nullish(),
    payouts_enabled: z.boolean().nullish(),
    details_submitted: z.boolean().nullish(),
    requirements: z
      .object({
        currently_due: z.array(requirementName).max(500).nullish(),
        past_due: z.array(requirementName).max(500).nullish(),
        disabled_reason: z.string().max(200).nullish(),
      })
      .loose()
      .nullish(),
  })
  .loose();

export function toSnapshot(account: z.output<typeof stripeAccountObject>, at: Date): AccountSnapshot {
  const due = new Set([
    ...(account.requirements?.currently_due ?? []),
    ...(account.requirements?.past_due ?? []),
  ]);
  return {
    accountId: account.id,
    type: account.type ?? null,
    chargesEnabled: account.charges_enabled ?? false,
    payoutsEnabled: account.payouts_enabled ?? false,
    detailsSubmitted: account.details_submitted ?? false,
    requirementsDue: [...due],
    disabledReason: account.requirements?.disabled_reason ?? null,
    at,
  };
}

/**
 * Runs a Stripe call for the Connect screens. Stripe unreachable, timing out or answering
 * 5xx/429/409 after the SDK's retries is 503 SERVICE_UNAVAILABLE, with nothing saved; a refusal
 * means the platform is not set up for Connect as this server asks (a server problem, not the
 * school's): STRIPE_NOT_CONFIGURED with Stripe's reason.
 */
export async function callStripe<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isTransientStripeError(error)) {
      throw new AppError(
        'SERVICE_UNAVAILABLE',
        `Stripe could not be reached to ${what}: nothing was changed, try again in a minute`,
        { cause: error },
      );
    }
    if (isPermanentStripeError(error)) {
      throw new AppError('STRIPE_NOT_CONFIGURED', `Stripe refused to ${what}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    throw error;
  }
}
