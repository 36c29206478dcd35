import { tenantAdminProcedure } from '../../../trpc/init.ts';
import { getStatsInput, getStatsOutput } from './get-stats.schema.ts';

export const getStats = tenantAdminProcedure
  .input(getStatsInput)
  .output(getStatsOutput)
  .query(({ ctx, input }) => ctx.container.stats.getStats({ tenantId: ctx.tenant.id, ...input }));
