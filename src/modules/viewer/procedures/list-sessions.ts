import { authedQuery } from '../../../trpc/procedures.ts';
import { listSessions as listSessionsUseCase } from '../account-sessions.ts';
import { listSessionsOutput } from './account.schema.ts';

export const listSessions = authedQuery({
  output: listSessionsOutput,
  resolve: ({ ctx }) =>
    listSessionsUseCase(
      { auth: ctx.container.auth, now: ctx.container.now },
      { userId: ctx.viewer.userId, currentToken: ctx.viewer.sessionToken },
    ),
});
