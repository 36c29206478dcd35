import {
  addDays,
  addMonths,
  type Day,
  daysBetween,
  formatDay,
  formatDayRange,
  startOfDayIn,
  startOfMonth,
  startOfWeek,
} from './dates.ts';

export type CalendarView = 'week' | 'month';

export interface CalendarRange {
  view: CalendarView;
  /** The days shown, Monday first: one week, or the whole weeks around a month (35 or 42 days). */
  days: Day[];
  /** The first of the month shown (month view); the week's Monday (week view). */
  anchor: Day;
  /** The instants the shown days begin and end in the zone: what the server is asked for. */
  from: Date;
  to: Date;
  /** The `date` search value of the previous and next week or month. */
  previous: Day;
  next: Day;
  /** "Jun 9 – 15, 2025" or "June 2025". */
  title: string;
}

export function calendarRange(view: CalendarView, date: Day, timeZone: string): CalendarRange {
  if (view === 'week') {
    const monday = startOfWeek(date);
    const end = addDays(monday, 7);
    return {
      view,
      days: daysBetween(monday, end),
      anchor: monday,
      from: startOfDayIn(monday, timeZone),
      to: startOfDayIn(end, timeZone),
      previous: addDays(monday, -7),
      next: end,
      title: formatDayRange(monday, addDays(end, -1), { month: 'short', day: 'numeric', year: 'numeric' }),
    };
  }
  const first = startOfMonth(date);
  const nextMonth = addMonths(first, 1);
  const gridStart = startOfWeek(first);
  const gridEnd = addDays(startOfWeek(addDays(nextMonth, -1)), 7);
  return {
    view,
    days: daysBetween(gridStart, gridEnd),
    anchor: first,
    from: startOfDayIn(gridStart, timeZone),
    to: startOfDayIn(gridEnd, timeZone),
    previous: addMonths(first, -1),
    next: nextMonth,
    title: formatDay(first, { month: 'long', year: 'numeric' }),
  };
}

/**
 * Puts each session on every shown day it overlaps in the zone (a late class running past
 * midnight appears on both days; one that began before the range appears on its first day).
 */
export function sessionsByDay<T extends { startTime: Date; endTime: Date }>(
  days: Day[],
  sessions: T[],
  timeZone: string,
): Map<Day, T[]> {
  const bounds = [...days, addDays(days.at(-1) ?? '1970-01-01', 1)].map((day) =>
    startOfDayIn(day, timeZone).getTime(),
  );
  const byDay = new Map<Day, T[]>(days.map((day) => [day, []]));
  for (const session of sessions) {
    const start = session.startTime.getTime();
    const end = Math.max(session.endTime.getTime(), start + 1);
    days.forEach((day, i) => {
      if (start < bounds[i + 1]! && end > bounds[i]!) byDay.get(day)!.push(session);
    });
  }
  return byDay;
}
