import { adminQuery } from '../../../trpc/procedures.ts';
import { getStatsInput, getStatsOutput } from './get-stats.schema.ts';

export const getStats = adminQuery({
  input: getStatsInput,
  output: getStatsOutput,
  resolve: ({ ctx, input }) => ctx.container.stats.getStats({ tenantId: ctx.tenant.id, ...input }),
});
