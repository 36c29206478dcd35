import { tenantQuery } from '../../../trpc/procedures.ts';
import { listSchedules as listSchedulesUseCase } from '../list-schedules.ts';
import { listSchedulesInput, listSchedulesOutput } from './list-schedules.schema.ts';

export const listSchedules = tenantQuery({
  input: listSchedulesInput,
  output: listSchedulesOutput,
  resolve: ({ ctx, input }) =>
    listSchedulesUseCase(
      { db: ctx.container.db },
      {
        ...input,
        tenantId: ctx.tenant.id,
        actorId: ctx.viewer.userId,
        role: ctx.tenant.role,
      },
    ),
});
