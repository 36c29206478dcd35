import { tenantAdminProcedure } from '../../../trpc/init.ts';
import {
  updateStripeCredentialsInput,
  updateStripeCredentialsOutput,
} from './update-stripe-credentials.schema.ts';

export const updateStripeCredentials = tenantAdminProcedure
  .input(updateStripeCredentialsInput)
  .output(updateStripeCredentialsOutput)
  .mutation(({ ctx, input }) =>
    ctx.container.tenants.updateStripeCredentials({
      tenantId: ctx.tenant.id,
      actorId: ctx.viewer.userId,
      ...input,
    }),
  );
