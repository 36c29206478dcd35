import { adminQuery } from '../../../trpc/procedures.ts';
import { getSyncHistoryInput, getSyncHistoryOutput } from './get-sync-history.schema.ts';

export const getSyncHistory = adminQuery({
  input: getSyncHistoryInput,
  output: getSyncHistoryOutput,
  resolve: ({ ctx, input }) =>
    ctx.container.integration.getSyncHistory({ tenantId: ctx.tenant.id, ...input }),
});
