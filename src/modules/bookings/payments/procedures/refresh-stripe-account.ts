import { adminMutation } from '../../../../trpc/procedures.ts';
import { stripeAccountOutput } from './get-stripe-account.schema.ts';

/** Asks Stripe now (accounts.retrieve): after onboarding, or when the admin wants to check. */
export const refreshStripeAccount = adminMutation({
  output: stripeAccountOutput,
  resolve: ({ ctx }) => ctx.container.stripeConnect.refreshAccount({ tenantId: ctx.tenant.id }),
});
