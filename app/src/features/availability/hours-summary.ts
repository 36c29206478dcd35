import { WEEKDAYS } from './schedule-form-model.ts';

type Week = Record<(typeof WEEKDAYS)[number], Array<{ start: string; end: string }>>;

const SHORT = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

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
    if (text !== '') lines.push(`${SHORT[i]}${j > i ? `–${SHORT[j]}` : ''} ${text}`);
    i = j + 1;
  }
  return lines;
}
