import { adminMutation } from '../../../trpc/procedures.ts';
import { updatePassInput, updatePassOutput } from './update-pass.schema.ts';

export const updatePass = adminMutation({
  input: updatePassInput,
  output: updatePassOutput,
  resolve: ({ ctx, input }) => ctx.container.passes.update({ tenantId: ctx.tenant.id, input }),
});
