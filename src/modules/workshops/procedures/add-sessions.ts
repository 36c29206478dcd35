import { adminMutation } from '../../../trpc/procedures.ts';
import { addSessionsInput, addSessionsOutput } from './add-sessions.schema.ts';

export const addSessions = adminMutation({
  input: addSessionsInput,
  output: addSessionsOutput,
  resolve: ({ ctx, input }) => ctx.container.workshops.addSessions({ tenantId: ctx.tenant.id, ...input }),
});
