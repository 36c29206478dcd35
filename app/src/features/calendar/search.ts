import { optionalDay, optionalEnum, optionalInt } from '../../lib/search.ts';

export interface CalendarSearch {
  view?: 'week' | 'month' | undefined;
  /** Any day in the week or month shown, `YYYY-MM-DD` (default: today). */
  date?: string | undefined;
  teacherId?: number | undefined;
}

export function calendarSearch(raw: Record<string, unknown>): CalendarSearch {
  return {
    view: optionalEnum(raw, 'view', ['week', 'month'] as const),
    date: optionalDay(raw, 'date'),
    teacherId: optionalInt(raw, 'teacherId'),
  };
}
