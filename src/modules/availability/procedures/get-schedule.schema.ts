import { z } from 'zod';
import { dbId } from '../../../lib/boundary.schema.ts';
import { scheduleOutput } from './schedule-fields.schema.ts';

export const getScheduleInput = z.object({ scheduleId: dbId() });
export type GetScheduleInput = z.output<typeof getScheduleInput>;

export const getScheduleOutput = scheduleOutput;
