import { tenantQuery } from '../../../trpc/procedures.ts';
import { getWhitelist as getWhitelistUseCase } from '../get-whitelist.ts';
import { getWhitelistInput, getWhitelistOutput } from './get-whitelist.schema.ts';

/** Beyond the spec. Any member may ask; a MEMBER sees only the whitelists of the workshops they teach. */
export const getWhitelist = tenantQuery({
  input: getWhitelistInput,
  output: getWhitelistOutput,
  resolve: ({ ctx, input }) =>
    getWhitelistUseCase(
      { db: ctx.container.db },
      { ...input, tenantId: ctx.tenant.id, actorId: ctx.viewer.userId, role: ctx.tenant.role },
    ),
});
