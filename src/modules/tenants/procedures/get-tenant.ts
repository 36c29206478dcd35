import { tenantQuery } from '../../../trpc/procedures.ts';
import { getTenantInput, getTenantOutput } from './get-tenant.schema.ts';

export const getTenant = tenantQuery({
  input: getTenantInput,
  output: getTenantOutput,
  resolve: ({ ctx }) => ctx.container.tenants.get({ tenantId: ctx.tenant.id }),
});
