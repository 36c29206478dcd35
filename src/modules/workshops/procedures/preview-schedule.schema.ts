import { z } from 'zod';
import { workshopFields as f } from './workshop-fields.schema.ts';

/** What create (or addSessions) would plan from these fields, computed without saving anything. */
export const previewScheduleInput = z.object({
  startTime: f.startTime,
  /** Default: the teacher's zone, as create does. */
  timeZone: f.timeZone.optional(),
  teacherId: f.teacherId,
  recurrence: f.recurrence.optional(),
  duration: f.duration,
});

export type PreviewScheduleInput = z.output<typeof previewScheduleInput>;

export const previewScheduleOutput = z.object({
  /** The zone the series is planned in (the given one, else the teacher's). */
  timeZone: z.string(),
  sessions: z.array(
    z.object({
      startTime: z.date(),
      endTime: z.date(),
      /** The start's wall-clock date and time in `timeZone`: `2025-03-09`, `18:00`. */
      localDate: z.string(),
      localTime: z.string(),
      /** `timeZone`'s offset from UTC at the start, `-05:00`: it changes across a DST switch. */
      utcOffset: z.string(),
    }),
  ),
});
