import { DateTime } from 'luxon';
import { AppError } from '../../lib/errors.ts';

export type Frequency = 'weekly' | 'biweekly' | 'monthly' | 'none';

/** The most sessions one recurrence may create: two years of weekly classes. */
export const MAX_OCCURRENCES = 104;

export interface RecurrenceInput {
  /** The first session's start (an instant). */
  start: Date;
  /** The teacher's IANA zone: the wall-clock time of the first session is kept in this zone. */
  timeZone: string;
  frequency: Frequency;
  /** How many sessions in all, the first included. */
  count?: number | undefined;
  /** No session starts after this instant. */
  endDate?: Date | undefined;
}

/**
 * Session start instants for a recurrence, expanded in the teacher's zone so a class at 18:00
 * Europe/Berlin stays at 18:00 there across daylight-saving changes (its UTC time moves instead).
 *
 * - weekly / biweekly: every 7 / 14 days at the same local time.
 * - monthly: the same day of the month; in a month without that day (the 29th–31st) the session
 *   falls on the month's last day, and the following months return to the original day
 *   (Jan 31 → Feb 28 → Mar 31).
 * - A local time that does not exist on a given day (skipped by a DST jump) moves forward by
 *   the gap, as wall clocks do (02:30 on the spring-forward night becomes 03:30).
 * - Without `count` or `endDate` a recurrence is refused; with both, whichever ends it first
 *   wins. At most MAX_OCCURRENCES sessions: more is a VALIDATION_ERROR, never a silent cut.
 */
export function expandRecurrence(input: RecurrenceInput): Date[] {
  const first = DateTime.fromJSDate(input.start, { zone: input.timeZone });
  if (!first.isValid)
    throw new AppError('VALIDATION_ERROR', `timeZone: ${input.timeZone} is not a known IANA time zone`);
  if (input.frequency === 'none') return [input.start];
  if (input.count === undefined && input.endDate === undefined) {
    throw new AppError('VALIDATION_ERROR', 'recurrence: give count or endDate');
  }
  if (input.count !== undefined && (!Number.isInteger(input.count) || input.count < 1)) {
    throw new AppError('VALIDATION_ERROR', 'recurrence.count: must be a whole number of at least 1');
  }
  if (input.count !== undefined && input.count > MAX_OCCURRENCES) {
    throw new AppError('VALIDATION_ERROR', `recurrence.count: at most ${MAX_OCCURRENCES} sessions`);
  }
  if (input.endDate && input.endDate < input.start) {
    throw new AppError('VALIDATION_ERROR', 'recurrence.endDate: must not be before the first session');
  }

  const limit = input.count ?? MAX_OCCURRENCES + 1;
  const starts: Date[] = [];
  for (let i = 0; i < limit; i++) {
    const next = occurrence(first, input.frequency, i);
    if (input.endDate && next.toJSDate() > input.endDate) break;
    starts.push(next.toJSDate());
  }
  if (starts.length > MAX_OCCURRENCES) {
    throw new AppError(
      'VALIDATION_ERROR',
      `recurrence.endDate: that would create more than ${MAX_OCCURRENCES} sessions; choose an earlier end date`,
    );
  }
  return starts;
}

function occurrence(first: DateTime, frequency: Exclude<Frequency, 'none'>, index: number): DateTime {
  // Luxon adds calendar units in the zone: days keep the wall-clock time, months clamp to the
  // month's last day, and a skipped local time moves forward.
  if (frequency === 'monthly') return first.plus({ months: index });
  return first.plus({ days: index * (frequency === 'weekly' ? 7 : 14) });
}
