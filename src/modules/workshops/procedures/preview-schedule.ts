import { adminQuery } from '../../../trpc/procedures.ts';
import { previewSchedule as previewScheduleUseCase } from '../preview-schedule.ts';
import { previewScheduleInput, previewScheduleOutput } from './preview-schedule.schema.ts';

/** Beyond the spec: the dates a schedule would get, for the create and edit forms (admins only, as they). */
export const previewSchedule = adminQuery({
  input: previewScheduleInput,
  output: previewScheduleOutput,
  resolve: ({ ctx, input }) =>
    previewScheduleUseCase(
      { db: ctx.container.db, now: ctx.container.now },
      { tenantId: ctx.tenant.id, ...input },
    ),
});
