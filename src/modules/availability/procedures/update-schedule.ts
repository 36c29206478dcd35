import { tenantMutation } from '../../../trpc/procedures.ts';
import { updateSchedule as updateScheduleUseCase } from '../update-schedule.ts';
import { updateScheduleInput, updateScheduleOutput } from './update-schedule.schema.ts';

export const updateSchedule = tenantMutation({
  input: updateScheduleInput,
  output: updateScheduleOutput,
  resolve: ({ ctx, input }) =>
    updateScheduleUseCase(
      { db: ctx.container.db, now: ctx.container.now, bus: ctx.container.bus },
      {
        ...input,
        tenantId: ctx.tenant.id,
        actorId: ctx.viewer.userId,
        role: ctx.tenant.role,
      },
    ),
});
