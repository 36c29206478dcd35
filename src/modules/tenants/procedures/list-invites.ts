import { adminQuery } from '../../../trpc/procedures.ts';
import { listInvites as listInvitesUseCase } from '../list-invites.ts';
import { listInvitesOutput } from './list-invites.schema.ts';

/** Beyond the spec: invitations not yet accepted or withdrawn, for the team screen. */
export const listInvites = adminQuery({
  output: listInvitesOutput,
  resolve: ({ ctx }) =>
    listInvitesUseCase({ db: ctx.container.db, now: ctx.container.now }, { tenantId: ctx.tenant.id }),
});
