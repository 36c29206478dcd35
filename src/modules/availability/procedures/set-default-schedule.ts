import { tenantMutation } from '../../../trpc/procedures.ts';
import { setDefaultSchedule as setDefaultScheduleUseCase } from '../set-default-schedule.ts';
import { setDefaultScheduleInput, setDefaultScheduleOutput } from './set-default-schedule.schema.ts';

export const setDefaultSchedule = tenantMutation({
  input: setDefaultScheduleInput,
  output: setDefaultScheduleOutput,
  resolve: ({ ctx, input }) =>
    setDefaultScheduleUseCase(
      { db: ctx.container.db, now: ctx.container.now, bus: ctx.container.bus },
      {
        ...input,
        tenantId: ctx.tenant.id,
        actorId: ctx.viewer.userId,
        role: ctx.tenant.role,
      },
    ),
});
