import { z } from 'zod';
import { dbId } from '../../../lib/boundary.schema.ts';

export const deleteScheduleInput = z.object({ scheduleId: dbId() });
export type DeleteScheduleInput = z.output<typeof deleteScheduleInput>;

export const deleteScheduleOutput = z.object({ success: z.literal(true) });
