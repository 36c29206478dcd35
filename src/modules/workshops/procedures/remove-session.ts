import { adminMutation } from '../../../trpc/procedures.ts';
import { removeSessionInput, removeSessionOutput } from './remove-session.schema.ts';

export const removeSession = adminMutation({
  input: removeSessionInput,
  output: removeSessionOutput,
  resolve: ({ ctx, input }) => ctx.container.workshops.removeSession({ tenantId: ctx.tenant.id, ...input }),
});
