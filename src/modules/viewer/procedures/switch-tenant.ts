import { authedMutation } from '../../../trpc/procedures.ts';
import { switchTenantInput, switchTenantOutput } from './switch-tenant.schema.ts';

export const switchTenant = authedMutation({
  input: switchTenantInput,
  output: switchTenantOutput,
  resolve: ({ ctx, input }) =>
    ctx.container.viewers.switchTenant({ viewer: ctx.viewer, tenantId: input.tenantId }),
});
