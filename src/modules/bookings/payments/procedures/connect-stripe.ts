import { adminMutation } from '../../../../trpc/procedures.ts';
import { connectStripeOutput } from './connect-stripe.schema.ts';

export const connectStripe = adminMutation({
  // Where the school's money goes is a person's decision: an API key cannot change it.
  apiKeys: false,
  output: connectStripeOutput,
  resolve: ({ ctx }) =>
    ctx.container.stripeConnect.connect({ tenantId: ctx.tenant.id, actorId: ctx.viewer.userId }),
});
