import { z } from 'zod';
import { dbId } from '../../../lib/boundary.schema.ts';
import { scheduleOutput } from './schedule-fields.schema.ts';

export const listSchedulesInput = z
  .object({
    /** Omitted: every teacher's schedules for an OWNER/ADMIN, one's own for a MEMBER. */
    teacherId: dbId().optional(),
  })
  .default({});
export type ListSchedulesInput = z.output<typeof listSchedulesInput>;

export const listSchedulesOutput = z.object({ schedules: z.array(scheduleOutput) });
