import { z } from 'zod';
import { dbId } from '../../../lib/boundary.schema.ts';
import { scheduleFields, scheduleOutput } from './schedule-fields.schema.ts';

export const updateScheduleInput = z.object({
  scheduleId: dbId(),
  name: scheduleFields.name.optional(),
  timeZone: scheduleFields.timeZone.optional(),
  /** Replaces the whole week: a weekday left out has no hours. */
  weeklyHours: scheduleFields.weeklyHours.optional(),
  /** Replaces every override. */
  overrides: scheduleFields.overrides.optional(),
});
export type UpdateScheduleInput = z.output<typeof updateScheduleInput>;

export const updateScheduleOutput = scheduleOutput;
