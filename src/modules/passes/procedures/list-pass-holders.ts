import { tenantQuery } from '../../../trpc/procedures.ts';
import { listPassHoldersInput, listPassHoldersOutput } from './list-pass-holders.schema.ts';

/** The passes students bought (any member may read). */
export const listPassHolders = tenantQuery({
  input: listPassHoldersInput,
  output: listPassHoldersOutput,
  resolve: ({ ctx, input }) => ctx.container.passes.listHolders({ tenantId: ctx.tenant.id, ...input }),
});
