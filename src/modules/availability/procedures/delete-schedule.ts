import { tenantMutation } from '../../../trpc/procedures.ts';
import { deleteSchedule as deleteScheduleUseCase } from '../delete-schedule.ts';
import { deleteScheduleInput, deleteScheduleOutput } from './delete-schedule.schema.ts';

export const deleteSchedule = tenantMutation({
  input: deleteScheduleInput,
  output: deleteScheduleOutput,
  resolve: ({ ctx, input }) =>
    deleteScheduleUseCase(
      { db: ctx.container.db, bus: ctx.container.bus },
      {
        ...input,
        tenantId: ctx.tenant.id,
        actorId: ctx.viewer.userId,
        role: ctx.tenant.role,
      },
    ),
});
