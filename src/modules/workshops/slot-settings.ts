import type { Executor } from '../../db/client.ts';
import type { workshops } from '../../db/schema/index.ts';
import { AppError } from '../../lib/errors.ts';
import { scheduleTeacher } from '../availability/schedule-lookup.ts';
import { expandRecurrence } from './recurrence.ts';
import type { RecurrenceRule } from './schedule.ts';

type WorkshopRow = typeof workshops.$inferSelect;

export type SlotSettings = Pick<
  WorkshopRow,
  | 'scheduleId'
  | 'slotIntervalMinutes'
  | 'bufferBeforeMinutes'
  | 'bufferAfterMinutes'
  | 'minimumNoticeMinutes'
  | 'bookingHorizonDays'
  | 'maxBookingsPerDay'
>;

/** The slot settings a create or update names (undefined = left alone, null = cleared). */
export function slotSettingChanges(
  input: {
    [K in keyof SlotSettings]?: SlotSettings[K] | undefined;
  },
): Partial<SlotSettings> {
  const changes: Partial<SlotSettings> = {};
  for (const key of [
    'scheduleId',
    'slotIntervalMinutes',
    'bufferBeforeMinutes',
    'bufferAfterMinutes',
    'minimumNoticeMinutes',
    'bookingHorizonDays',
    'maxBookingsPerDay',
  ] as const) {
    if (input[key] !== undefined) (changes as Record<string, unknown>)[key] = input[key];
  }
  return changes;
}

/**
 * A workshop's schedule must be its teacher's: slots are that teacher's hours. Another
 * teacher's or another tenant's schedule is a 400, not a silent fallback.
 */
export async function assertTeachersSchedule(
  db: Executor,
  input: { tenantId: number; scheduleId: number | null | undefined; teacherId: number },
) {
  if (input.scheduleId == null) return;
  const owner = await scheduleTeacher(db, input.tenantId, input.scheduleId);
  if (owner === undefined)
    throw new AppError('VALIDATION_ERROR', 'scheduleId: no such availability schedule');
  if (owner !== input.teacherId) {
    throw new AppError('VALIDATION_ERROR', "scheduleId: is not the teacher's availability schedule");
  }
}

/**
 * A slot-booked workshop's recurrence is the series each booking takes; the spec's rule holds
 * (count or endDate), checked when it is set, not when a student books.
 */
export function assertSeriesRule(recurrence: RecurrenceRule | undefined, now: Date, timeZone: string) {
  if (recurrence) expandRecurrence({ start: now, timeZone, ...recurrence });
}
