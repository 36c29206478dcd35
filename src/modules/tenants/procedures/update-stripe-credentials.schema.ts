import { z } from 'zod';

export const updateStripeCredentialsInput = z.object({
  stripeAccountId: z
    .string()
    .trim()
    .regex(/^acct_[A-Za-z0-9]{6,64}$/, 'must be a Stripe account id such as acct_1234567890'),
  stripePublishableKey: z
    .string()
    .trim()
    .regex(
      /^pk_(live|test)_[A-Za-z0-9]{8,255}$/,
      'must be a publishable key starting with pk_live_ or pk_test_',
    ),
});

export const updateStripeCredentialsOutput = z.object({
  success: z.boolean(),
  credentialId: z.number(),
});
