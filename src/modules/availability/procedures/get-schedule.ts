import { tenantQuery } from '../../../trpc/procedures.ts';
import { getSchedule as getScheduleUseCase } from '../get-schedule.ts';
import { getScheduleInput, getScheduleOutput } from './get-schedule.schema.ts';

export const getSchedule = tenantQuery({
  input: getScheduleInput,
  output: getScheduleOutput,
  resolve: ({ ctx, input }) =>
    getScheduleUseCase(
      { db: ctx.container.db },
      {
        ...input,
        tenantId: ctx.tenant.id,
        actorId: ctx.viewer.userId,
        role: ctx.tenant.role,
      },
    ),
});
