import { adminMutation } from '../../../trpc/procedures.ts';
import { updateWhitelistInput, updateWhitelistOutput } from './update-whitelist.schema.ts';

export const updateWhitelist = adminMutation({
  input: updateWhitelistInput,
  output: updateWhitelistOutput,
  resolve: ({ ctx, input }) => ctx.container.workshops.updateWhitelist({ tenantId: ctx.tenant.id, ...input }),
});
