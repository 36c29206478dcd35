import { tenantProcedure } from '../../../trpc/init.ts';
import { getTenantInput, getTenantOutput } from './get-tenant.schema.ts';

export const getTenant = tenantProcedure
  .input(getTenantInput)
  .output(getTenantOutput)
  .query(({ ctx }) => ctx.container.tenants.get({ tenantId: ctx.tenant.id }));
