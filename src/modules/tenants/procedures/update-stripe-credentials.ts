import { adminMutation } from '../../../trpc/procedures.ts';
import {
  updateStripeCredentialsInput,
  updateStripeCredentialsOutput,
} from './update-stripe-credentials.schema.ts';

export const updateStripeCredentials = adminMutation({
  // Where the school's money goes is a person's decision: an API key cannot change it.
  apiKeys: false,
  input: updateStripeCredentialsInput,
  output: updateStripeCredentialsOutput,
  resolve: ({ ctx, input }) =>
    ctx.container.tenants.updateStripeCredentials({
      tenantId: ctx.tenant.id,
      actorId: ctx.viewer.userId,
      ...input,
    }),
});
