import { z } from 'zod';
import { dbId } from '../../../lib/boundary.schema.ts';
import { scheduleCreateFields, scheduleOutput } from './schedule-fields.schema.ts';

export const createScheduleInput = z.object({
  /** Omitted: the caller's own. Another teacher's needs OWNER or ADMIN. */
  teacherId: dbId().optional(),
  ...scheduleCreateFields,
  /** Make it the teacher's default at once (the previous default stays, as a plain schedule). */
  isDefault: z.boolean().default(false),
});
export type CreateScheduleInput = z.output<typeof createScheduleInput>;

export const createScheduleOutput = scheduleOutput;
