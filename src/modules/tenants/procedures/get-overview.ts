import { tenantQuery } from '../../../trpc/procedures.ts';
import { getOverview as getOverviewUseCase } from '../get-overview.ts';
import { getOverviewInput, getOverviewOutput } from './get-overview.schema.ts';

/** Beyond the spec: what the staff app's overview charts and lists (any member; a MEMBER sees their own). */
export const getOverview = tenantQuery({
  input: getOverviewInput,
  output: getOverviewOutput,
  resolve: ({ ctx, input }) =>
    getOverviewUseCase(
      {
        db: ctx.container.db,
        now: ctx.container.now,
        tenantStatus: (tenantId) => ctx.container.tenants.get({ tenantId }),
      },
      { tenantId: ctx.tenant.id, actorId: ctx.viewer.userId, role: ctx.tenant.role, ...input },
    ),
});
