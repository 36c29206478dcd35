import { adminMutation } from '../../../trpc/procedures.ts';
import { transferOwnership as transferOwnershipUseCase } from '../transfer-ownership.ts';
import { memberActionOutput, memberInput } from './member-action.schema.ts';

/** Beyond the spec: the OWNER hands the school to another member and becomes an ADMIN. */
export const transferOwnership = adminMutation({
  input: memberInput,
  output: memberActionOutput,
  apiKeys: false,
  resolve: ({ ctx, input }) =>
    transferOwnershipUseCase(
      { db: ctx.container.db, bus: ctx.container.bus },
      { tenantId: ctx.tenant.id, actorId: ctx.viewer.userId, ...input },
    ),
});
