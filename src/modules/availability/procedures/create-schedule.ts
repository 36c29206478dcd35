import { tenantMutation } from '../../../trpc/procedures.ts';
import { createSchedule as createScheduleUseCase } from '../create-schedule.ts';
import { createScheduleInput, createScheduleOutput } from './create-schedule.schema.ts';

export const createSchedule = tenantMutation({
  input: createScheduleInput,
  output: createScheduleOutput,
  resolve: ({ ctx, input }) =>
    createScheduleUseCase(
      { db: ctx.container.db, now: ctx.container.now, bus: ctx.container.bus },
      {
        ...input,
        tenantId: ctx.tenant.id,
        actorId: ctx.viewer.userId,
        role: ctx.tenant.role,
      },
    ),
});
