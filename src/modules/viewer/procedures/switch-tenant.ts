import { authedProcedure } from '../../../trpc/init.ts';
import { switchTenantInput, switchTenantOutput } from './switch-tenant.schema.ts';

export const switchTenant = authedProcedure
  .input(switchTenantInput)
  .output(switchTenantOutput)
  .mutation(({ ctx, input }) =>
    ctx.container.viewers.switchTenant({ viewer: ctx.viewer, tenantId: input.tenantId }),
  );
