import { DateTime } from 'luxon';
import type { Executor } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import type { PreviewScheduleInput } from './procedures/preview-schedule.schema.ts';
import { planStarts } from './schedule.ts';
import { findTeacher } from './workshops.repo.ts';

/**
 * The sessions a create (or addSessions) with these fields would plan, from the same code
 * (`planStarts`), so the staff app's preview cannot disagree with what is saved. Nothing is written.
 */
export async function previewSchedule(
  deps: { db: Executor; now: () => Date },
  input: PreviewScheduleInput & { tenantId: number },
) {
  const teacher = await findTeacher(deps.db, input.tenantId, input.teacherId);
  if (!teacher) throw new AppError('VALIDATION_ERROR', 'teacherId: is not a member of this tenant');
  const timeZone = input.timeZone ?? teacher.timeZone;
  const starts = planStarts(deps.now(), input.startTime, timeZone, input.recurrence);
  return {
    timeZone,
    sessions: starts.map((start) => {
      const local = DateTime.fromJSDate(start, { zone: timeZone });
      return {
        startTime: start,
        endTime: new Date(start.getTime() + input.duration * 60_000),
        localDate: local.toFormat('yyyy-MM-dd'),
        localTime: local.toFormat('HH:mm'),
        utcOffset: local.toFormat('ZZ'),
      };
    }),
  };
}
