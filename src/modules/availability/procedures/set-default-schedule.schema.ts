import { z } from 'zod';
import { dbId } from '../../../lib/boundary.schema.ts';
import { scheduleOutput } from './schedule-fields.schema.ts';

export const setDefaultScheduleInput = z.object({ scheduleId: dbId() });
export type SetDefaultScheduleInput = z.output<typeof setDefaultScheduleInput>;

export const setDefaultScheduleOutput = scheduleOutput;
