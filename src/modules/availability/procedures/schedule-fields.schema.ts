import { z } from 'zod';
import {
  dateOverridesSchema,
  defaultWeeklyHours,
  timeZoneSchema,
  weeklyHoursSchema,
} from '../schedule-shape.schema.ts';

// The fields a schedule is described by, shared by create (with defaults) and update (all
// optional, no defaults, so an omitted field is left alone), and the answer every procedure that
// returns a schedule gives.

export const scheduleFields = {
  name: z.string().trim().min(1).max(100),
  timeZone: timeZoneSchema,
  // Unknown keys are refused rather than dropped: `{ Monday: … }` must not save a week with no hours.
  weeklyHours: weeklyHoursSchema.strict(),
  overrides: dateOverridesSchema,
};

export const scheduleCreateFields = {
  ...scheduleFields,
  /** Omitted: Monday to Friday, 09:00–17:00, like every teacher's first schedule. */
  weeklyHours: scheduleFields.weeklyHours.default(defaultWeeklyHours),
  overrides: scheduleFields.overrides.default([]),
};

const range = z.object({ start: z.string(), end: z.string() });
const day = z.array(range);

export const scheduleOutput = z.object({
  id: z.number(),
  teacher: z.object({ id: z.number(), name: z.string() }),
  name: z.string(),
  timeZone: z.string(),
  weeklyHours: z.object({
    monday: day,
    tuesday: day,
    wednesday: day,
    thursday: day,
    friday: day,
    saturday: day,
    sunday: day,
  }),
  overrides: z.array(z.object({ date: z.string(), ranges: day })),
  isDefault: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type ScheduleOutput = z.output<typeof scheduleOutput>;
