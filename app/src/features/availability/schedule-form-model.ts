import type { Control, FieldErrors, UseFormRegister } from 'react-hook-form';
import type { ScheduleOutput } from '../../../../src/modules/availability/procedures/schedule-fields.schema.ts';
import { updateScheduleInput } from '../../../../src/modules/availability/procedures/update-schedule.schema.ts';
import { WEEKDAYS, type Weekday } from '../../../../src/modules/availability/schedule-shape.schema.ts';
import { intlLocale } from '../../lib/i18n/i18n.tsx';

// The schedule editor's values (what the inputs hold) and their conversion to
// `availability.update`'s input, which the procedure's own zod schema then validates.

export { updateScheduleInput, WEEKDAYS, type Weekday };
export type Schedule = ScheduleOutput;

export interface RangeValues {
  start: string;
  end: string;
}

export interface DayValues {
  /** Off: the day has no hours (its ranges stay in the form, to come back when switched on). */
  available: boolean;
  ranges: RangeValues[];
}

export interface OverrideValues {
  date: string;
  kind: 'off' | 'hours';
  ranges: RangeValues[];
}

export interface ScheduleFormValues {
  name: string;
  timeZone: string;
  week: Record<Weekday, DayValues>;
  overrides: OverrideValues[];
}

export interface ScheduleFormParts {
  control: Control<ScheduleFormValues>;
  register: UseFormRegister<ScheduleFormValues>;
  errors: FieldErrors<ScheduleFormValues>;
}

// 2024-01-01 was a Monday: WEEKDAYS[i] falls on 2024-01-0(1+i), read in UTC.
const weekdayFormats = new Map<string, Intl.DateTimeFormat>();

/** A weekday's name in the current language ("Monday", "lundi"; short: "Mon", "lun."). */
export function weekdayName(day: Weekday, width: 'long' | 'short' = 'long'): string {
  const locale = intlLocale();
  const cacheKey = `${locale ?? ''}|${width}`;
  let format = weekdayFormats.get(cacheKey);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { weekday: width, timeZone: 'UTC' });
    weekdayFormats.set(cacheKey, format);
  }
  return format.format(Date.UTC(2024, 0, 1 + WEEKDAYS.indexOf(day)));
}

export const WORKDAY: RangeValues = { start: '09:00', end: '17:00' };

// A time input cannot hold 24:00, the end of the day: the form shows it as an end of 00:00 and
// turns an end of 00:00 back into 24:00 (an end at the start of the day means nothing else).
const shownTime = (time: string) => (time === '24:00' ? '00:00' : time);
const sentEnd = (time: string) => (time === '00:00' ? '24:00' : time);

const toRangeValues = (ranges: RangeValues[]) =>
  ranges.map((r) => ({ start: shownTime(r.start), end: shownTime(r.end) }));
const toRangeInput = (ranges: RangeValues[]) => ranges.map((r) => ({ start: r.start, end: sentEnd(r.end) }));

export function scheduleToValues(schedule: Schedule): ScheduleFormValues {
  const week = Object.fromEntries(
    WEEKDAYS.map((day) => {
      const ranges = schedule.weeklyHours[day];
      return [
        day,
        { available: ranges.length > 0, ranges: ranges.length > 0 ? toRangeValues(ranges) : [WORKDAY] },
      ];
    }),
  ) as Record<Weekday, DayValues>;
  return {
    name: schedule.name,
    timeZone: schedule.timeZone,
    week,
    overrides: schedule.overrides.map((o) => ({
      date: o.date,
      kind: o.ranges.length > 0 ? 'hours' : 'off',
      ranges: o.ranges.length > 0 ? toRangeValues(o.ranges) : [WORKDAY],
    })),
  };
}

export function toUpdateInput(v: ScheduleFormValues, scheduleId: number) {
  return {
    scheduleId,
    name: v.name,
    timeZone: v.timeZone,
    weeklyHours: Object.fromEntries(
      WEEKDAYS.map((day) => [day, v.week[day].available ? toRangeInput(v.week[day].ranges) : []]),
    ) as Record<Weekday, RangeValues[]>,
    overrides: v.overrides.map((o) => ({
      date: o.date,
      ranges: o.kind === 'hours' ? toRangeInput(o.ranges) : [],
    })),
  };
}

/**
 * Where an input path's problem is shown: `weeklyHours.monday.0.end` on that range's end,
 * `weeklyHours.monday` (ranges that overlap) under Monday's ranges, and so on.
 */
export function scheduleFieldForPath(path: string): string | undefined {
  if (path === 'name' || path === 'timeZone' || path === 'overrides') return path;
  const week = /^weeklyHours\.(\w+)(\.\d+\.(?:start|end))?$/.exec(path);
  if (week && (WEEKDAYS as readonly string[]).includes(week[1] ?? '')) {
    return `week.${week[1]}.ranges${week[2] ?? ''}`;
  }
  if (/^overrides\.\d+\.(date|ranges(\.\d+\.(start|end))?)$/.test(path)) return path;
  return undefined;
}
