import { adminMutation } from '../../../trpc/procedures.ts';
import { revokeInvite as revokeInviteUseCase } from '../revoke-invite.ts';
import { inviteActionInput, revokeInviteOutput } from './invite-action.schema.ts';

/** Beyond the spec: withdraws an invitation; its link stops working at once. */
export const revokeInvite = adminMutation({
  input: inviteActionInput,
  output: revokeInviteOutput,
  resolve: ({ ctx, input }) =>
    revokeInviteUseCase(
      { db: ctx.container.db, now: ctx.container.now },
      { tenantId: ctx.tenant.id, ...input },
    ),
});
