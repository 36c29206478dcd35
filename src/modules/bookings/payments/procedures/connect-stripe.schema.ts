import { z } from 'zod';

export const connectStripeOutput = z.object({
  /** Stripe's hosted onboarding (an Account Link): send the admin's browser there. */
  url: z.url(),
  accountId: z.string(),
});
