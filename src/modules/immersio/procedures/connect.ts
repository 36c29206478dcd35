import { adminMutation } from '../../../trpc/procedures.ts';
import { connectInput, connectOutput } from './connect.schema.ts';

export const connect = adminMutation({
  input: connectInput,
  output: connectOutput,
  resolve: ({ ctx, input }) => ctx.container.integration.connect({ tenantId: ctx.tenant.id, ...input }),
});
