import { tenantQuery } from '../../../trpc/procedures.ts';
import { listPassesInput, listPassesOutput } from './list-passes.schema.ts';

/** Any member of the school may read its passes; only OWNER/ADMIN change them. */
export const listPasses = tenantQuery({
  input: listPassesInput,
  output: listPassesOutput,
  resolve: ({ ctx, input }) => ctx.container.passes.list({ tenantId: ctx.tenant.id, status: input?.status }),
});
