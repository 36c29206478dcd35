import { adminMutation } from '../../../trpc/procedures.ts';
import {
  updateStripeCredentialsInput,
  updateStripeCredentialsOutput,
} from './update-stripe-credentials.schema.ts';

export const updateStripeCredentials = adminMutation({
  input: updateStripeCredentialsInput,
  output: updateStripeCredentialsOutput,
  resolve: ({ ctx, input }) =>
    ctx.container.tenants.updateStripeCredentials({
      tenantId: ctx.tenant.id,
      actorId: ctx.viewer.userId,
      ...input,
    }),
});
