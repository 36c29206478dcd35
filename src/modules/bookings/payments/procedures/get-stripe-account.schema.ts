import { z } from 'zod';

export const stripeAccountOutput = z.object({
  /**
   * not_connected: no account; incomplete: Stripe still needs something before charges;
   * enabled: it can take charges; unknown: a pasted account whose state was never asked.
   */
  status: z.enum(['not_connected', 'incomplete', 'enabled', 'unknown']),
  accountId: z.string().nullable(),
  origin: z.enum(['onboarding', 'pasted']).nullable(),
  live: z.boolean(),
  state: z
    .object({
      chargesEnabled: z.boolean(),
      payoutsEnabled: z.boolean(),
      detailsSubmitted: z.boolean(),
      requirementsDue: z.array(z.string()),
      disabledReason: z.string().nullable(),
      checkedAt: z.date(),
    })
    .nullable(),
  testMode: z.boolean(),
  paymentsAvailable: z.boolean(),
  plan: z.object({ type: z.string(), platformFeeBps: z.number().int() }),
});

export type StripeAccountOutput = z.infer<typeof stripeAccountOutput>;
