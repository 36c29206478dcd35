import { adminMutation } from '../../../trpc/procedures.ts';
import { resendInvite as resendInviteUseCase } from '../resend-invite.ts';
import { inviteActionInput, resendInviteOutput } from './invite-action.schema.ts';

/** Beyond the spec: the invitation e-mail again, with a new link and a new week to answer. */
export const resendInvite = adminMutation({
  input: inviteActionInput,
  output: resendInviteOutput,
  resolve: ({ ctx, input }) =>
    resendInviteUseCase(
      {
        db: ctx.container.db,
        env: ctx.container.env,
        now: ctx.container.now,
        wakeOutbox: ctx.container.wakeOutbox,
      },
      { tenantId: ctx.tenant.id, actorId: ctx.viewer.userId, actorName: ctx.viewer.name, ...input },
    ),
});
