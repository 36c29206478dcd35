import { tenantQuery } from '../../../trpc/procedures.ts';
import { getPassHolderInput, getPassHolderOutput } from './get-pass-holder.schema.ts';

/** One bought pass with its history (any member may read). */
export const getPassHolder = tenantQuery({
  input: getPassHolderInput,
  output: getPassHolderOutput,
  resolve: ({ ctx, input }) => ctx.container.passes.getHolder({ tenantId: ctx.tenant.id, ...input }),
});
