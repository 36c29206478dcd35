import { adminQuery } from '../../../../trpc/procedures.ts';
import { stripeAccountOutput } from './get-stripe-account.schema.ts';

export const getStripeAccount = adminQuery({
  output: stripeAccountOutput,
  resolve: ({ ctx }) => ctx.container.stripeConnect.getAccount({ tenantId: ctx.tenant.id }),
});
