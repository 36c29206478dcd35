import { authedMutation } from '../../../trpc/procedures.ts';
import { revokeSession as revokeSessionUseCase } from '../account-sessions.ts';
import { revokeSessionInput, revokeSessionOutput } from './account.schema.ts';
import { sessionHeaders } from './account-headers.ts';

export const revokeSession = authedMutation({
  input: revokeSessionInput,
  output: revokeSessionOutput,
  resolve: ({ ctx, input }) =>
    revokeSessionUseCase(
      { auth: ctx.container.auth, bus: ctx.container.bus, now: ctx.container.now },
      {
        userId: ctx.viewer.userId,
        currentToken: ctx.viewer.sessionToken,
        headers: sessionHeaders(ctx),
        sessionId: input.sessionId,
      },
    ),
});
