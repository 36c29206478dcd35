import { authedMutation } from '../../../trpc/procedures.ts';
import { changePassword as changePasswordUseCase } from '../account-password.ts';
import { changePasswordInput, changePasswordOutput } from './account.schema.ts';
import { sessionHeaders } from './account-headers.ts';

/** The current password is checked like a sign-in: the same small budget per person. */
export const changePassword = authedMutation({
  input: changePasswordInput,
  output: changePasswordOutput,
  rateLimit: 'signIn',
  resolve: ({ ctx, input }) =>
    changePasswordUseCase(
      { auth: ctx.container.auth, bus: ctx.container.bus },
      { userId: ctx.viewer.userId, headers: sessionHeaders(ctx), ...input },
    ),
});
