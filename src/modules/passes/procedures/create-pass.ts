import { adminMutation } from '../../../trpc/procedures.ts';
import { createPassInput, createPassOutput } from './create-pass.schema.ts';

export const createPass = adminMutation({
  input: createPassInput,
  output: createPassOutput,
  resolve: ({ ctx, input }) => ctx.container.passes.create({ tenantId: ctx.tenant.id, input }),
});
