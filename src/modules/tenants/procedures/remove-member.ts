import { adminMutation } from '../../../trpc/procedures.ts';
import { removeMember as removeMemberUseCase } from '../remove-member.ts';
import { memberActionOutput, memberInput } from './member-action.schema.ts';

/** Beyond the spec: takes someone off the team (409 CONFLICT while they teach upcoming classes). */
export const removeMember = adminMutation({
  input: memberInput,
  output: memberActionOutput,
  apiKeys: false,
  resolve: ({ ctx, input }) =>
    removeMemberUseCase(
      { db: ctx.container.db, bus: ctx.container.bus, now: ctx.container.now },
      { tenantId: ctx.tenant.id, actorId: ctx.viewer.userId, ...input },
    ),
});
