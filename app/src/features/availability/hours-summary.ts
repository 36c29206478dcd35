import { WEEKDAYS, weekdayName } from './schedule-form-model.ts';

type Week = Record<(typeof WEEKDAYS)[number], Array<{ start: string; end: string }>>;

const rangesText = (ranges: Array<{ start: string; end: string }>) =>
  ranges.map((r) => `${r.start}–${r.end}`).join(', ');

/**
 * The week in a few lines, consecutive days with the same hours joined: "Mon–Fri 09:00–17:00",
 * "Sat 10:00–12:00, 14:00–16:00". No line at all: never available.
 */
export function weekSummary(week: Week): string[] {
  const lines: string[] = [];
  let i = 0;
  while (i < WEEKDAYS.length) {
    const text = rangesText(week[WEEKDAYS[i]!]);
    let j = i;
    while (j + 1 < WEEKDAYS.length && rangesText(week[WEEKDAYS[j + 1]!]) === text) j++;
    const first = weekdayName(WEEKDAYS[i]!, 'short');
    const last = weekdayName(WEEKDAYS[j]!, 'short');
    if (text !== '') lines.push(`${first}${j > i ? `–${last}` : ''} ${text}`);
    i = j + 1;
  }
  return lines;
}
