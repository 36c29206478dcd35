import { z } from 'zod';
import { dbId } from '../../../lib/boundary.schema.ts';
import { workshopFields as f } from './workshop-fields.schema.ts';

/** One more session, or a series of them, planned like create's first session. */
export const addSessionsInput = z.object({
  workshopId: dbId(),
  startTime: f.startTime,
  recurrence: f.recurrence.optional(),
  timeZone: f.timeZone.optional(),
});

export const addSessionsOutput = z.object({
  success: z.boolean(),
  added: z.number(),
  /** Times that already had a scheduled session of this workshop. */
  duplicatesSkipped: z.number(),
  sessions: z.array(
    z.object({ id: z.number(), startTime: z.date(), endTime: z.date(), timeZone: z.string() }),
  ),
});
