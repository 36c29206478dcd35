import { AppError } from '../../../lib/errors.ts';
import { authedMutation } from '../../../trpc/procedures.ts';
import { requestEmailChange } from '../account-email.ts';
import { sessionHeaders } from './account-headers.ts';
import { changeEmailInput, changeEmailOutput } from './change-email.schema.ts';

/**
 * The current password is checked like a sign-in: the same small budget per person. Each new
 * address also gets only a few link e-mails an hour (the password reset's per-address budget).
 */
export const changeEmail = authedMutation({
  input: changeEmailInput,
  output: changeEmailOutput,
  rateLimit: 'signIn',
  resolve: ({ ctx, input }) =>
    requestEmailChange(
      {
        auth: ctx.container.auth,
        db: ctx.container.db,
        spendMailBudget: async (address) => {
          const decision = await ctx.container.rateLimiter.check('passwordReset', `email-change:${address}`);
          if (decision.allowed) return;
          ctx.request.setHeaders(ctx.container.rateLimitHeaders(decision));
          throw new AppError('RATE_LIMITED');
        },
      },
      {
        userId: ctx.viewer.userId,
        currentEmail: ctx.viewer.email,
        headers: sessionHeaders(ctx),
        ...input,
      },
    ),
});
