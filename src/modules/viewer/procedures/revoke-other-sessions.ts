import { authedMutation } from '../../../trpc/procedures.ts';
import { revokeOtherSessions as revokeOtherSessionsUseCase } from '../account-sessions.ts';
import { revokeOtherSessionsOutput } from './account.schema.ts';
import { sessionHeaders } from './account-headers.ts';

export const revokeOtherSessions = authedMutation({
  output: revokeOtherSessionsOutput,
  resolve: ({ ctx }) =>
    revokeOtherSessionsUseCase(
      { auth: ctx.container.auth, bus: ctx.container.bus, now: ctx.container.now },
      { userId: ctx.viewer.userId, currentToken: ctx.viewer.sessionToken, headers: sessionHeaders(ctx) },
    ),
});
