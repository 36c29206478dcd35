import { z } from 'zod';
import { isValidTimeZone } from '../../lib/time-zones.ts';

// The shape of a teacher's availability, shared by the availability procedures, their storage and
// the slot computation. Wall-clock times in the schedule's own IANA zone: a schedule of 09:00–17:00
// in Europe/Berlin stays 09:00–17:00 there across daylight-saving changes.

export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** `HH:MM` on a 24-hour clock; `24:00` only as the end of a range (the end of the day). */
const wallTime = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time as HH:MM (00:00–24:00)');

export function minutesOfDay(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

export const timeRangeSchema = z
  .object({ start: wallTime, end: wallTime })
  .refine((r) => r.start !== '24:00', { message: 'a range cannot start at 24:00', path: ['start'] })
  .refine((r) => minutesOfDay(r.start) < minutesOfDay(r.end), {
    message: 'a range ends after it starts (split a range that crosses midnight in two days)',
    path: ['end'],
  });
export type TimeRange = z.output<typeof timeRangeSchema>;

/** Up to 12 ranges in a day, none overlapping; stored sorted by start. */
const dayRanges = z
  .array(timeRangeSchema)
  .max(12)
  .transform((ranges) => [...ranges].sort((a, b) => minutesOfDay(a.start) - minutesOfDay(b.start)))
  .refine(
    (ranges) => ranges.every((r, i) => i === 0 || minutesOfDay(ranges[i - 1]!.end) <= minutesOfDay(r.start)),
    {
      message: 'the ranges of a day must not overlap',
    },
  );

const weekday = dayRanges.default([]);
export const weeklyHoursSchema = z.object({
  monday: weekday,
  tuesday: weekday,
  wednesday: weekday,
  thursday: weekday,
  friday: weekday,
  saturday: weekday,
  sunday: weekday,
});
export type WeeklyHours = Record<Weekday, TimeRange[]>;

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    {
      message: 'not a calendar date',
    },
  );

/** Other hours on one date, replacing the weekday's; no ranges = unavailable all day. */
export const dateOverrideSchema = z.object({ date: isoDate, ranges: dayRanges });
export type DateOverride = z.output<typeof dateOverrideSchema>;

export const timeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine(isValidTimeZone, { message: 'an IANA time zone, e.g. Europe/Berlin' });

/** At most one override per date, up to 366 of them. */
export const dateOverridesSchema = z
  .array(dateOverrideSchema)
  .max(366)
  .refine((list) => new Set(list.map((o) => o.date)).size === list.length, {
    message: 'one override per date',
  })
  .transform((list) => [...list].sort((a, b) => a.date.localeCompare(b.date)));

/** What the slot computation needs of a schedule. */
export interface AvailabilityRules {
  timeZone: string;
  weeklyHours: WeeklyHours;
  overrides: DateOverride[];
}

/** Every teacher's schedule until they change it: Monday to Friday, 09:00–17:00, in their zone. */
export function defaultWeeklyHours(): WeeklyHours {
  const workday = [{ start: '09:00', end: '17:00' }];
  return {
    monday: workday,
    tuesday: workday,
    wednesday: workday,
    thursday: workday,
    friday: workday,
    saturday: [],
    sunday: [],
  };
}
