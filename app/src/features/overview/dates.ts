import { intlLocale } from '../../lib/i18n/i18n.tsx';
import type { Overview } from './types.ts';

// Series buckets arrive as calendar labels (`YYYY-MM-DD` or `YYYY-MM`) of the school's zone:
// they are formatted as plain dates (at UTC noon, so no zone can move them to another day).
// Formatters are built per call: the language can change while the app runs.

function bucketDate(label: string): Date {
  const [year = 1970, month = 1, day = 1] = label.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day, 12));
}

/** A bucket's short axis label: "Mar 5" for a day, "Mar" for a month. */
export function bucketTick(label: string, granularity: Overview['granularity']): string {
  return new Intl.DateTimeFormat(intlLocale(), {
    timeZone: 'UTC',
    month: 'short',
    ...(granularity === 'day' ? { day: 'numeric' } : {}),
  }).format(bucketDate(label));
}

/** A bucket's full name: "Mar 5, 2026" or "March 2026". */
export function bucketName(label: string, granularity: Overview['granularity']): string {
  return new Intl.DateTimeFormat(
    intlLocale(),
    granularity === 'day'
      ? { timeZone: 'UTC', dateStyle: 'medium' }
      : { timeZone: 'UTC', month: 'long', year: 'numeric' },
  ).format(bucketDate(label));
}

/** "Dec 1 – Dec 31, 2026": the period shown (its end is exclusive). */
export function rangeName(range: Overview['range'], timeZone: string): string {
  const format = new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium', timeZone });
  return format.formatRange(range.from, new Date(range.to.getTime() - 1));
}

/** "Wed 6:00 PM" in the school's zone. */
export function weekdayTime(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat(intlLocale(), {
    weekday: 'short',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
  }).format(date);
}
