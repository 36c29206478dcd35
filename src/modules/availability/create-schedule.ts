import { AppError } from '../../lib/errors.ts';
import * as repo from './availability.repo.ts';
import type { CreateScheduleInput } from './procedures/create-schedule.schema.ts';
import {
  type Actor,
  type AvailabilityDeps,
  MAX_SCHEDULES_PER_TEACHER,
  reloadSchedule,
  resolveTeacher,
} from './schedule-access.ts';

/**
 * Adds a schedule for the caller or (OWNER/ADMIN) another teacher. With `isDefault` it takes the
 * default over in the same transaction, under the teacher's lock. The cap is the database's: the
 * insert itself is refused past it, so two racing creates cannot both squeeze in.
 */
export async function createSchedule(
  deps: Pick<AvailabilityDeps, 'db' | 'now' | 'bus'>,
  input: CreateScheduleInput & Actor,
) {
  const teacher = await resolveTeacher(deps, input, input.teacherId);
  const now = deps.now();
  let scheduleId: number;
  try {
    scheduleId = await deps.db.transaction(async (tx) => {
      if (input.isDefault) {
        await repo.lockTeacher(tx, input.tenantId, teacher.id);
        await repo.clearDefault(tx, input.tenantId, teacher.id, now);
      }
      return repo.insertSchedule(tx, input.tenantId, {
        teacherId: teacher.id,
        name: input.name,
        timeZone: input.timeZone,
        weeklyHours: input.weeklyHours,
        overrides: input.overrides,
        isDefault: input.isDefault,
        now,
      });
    });
  } catch (error) {
    if (repo.isScheduleCapError(error)) {
      throw new AppError(
        'CONFLICT',
        `A teacher has at most ${MAX_SCHEDULES_PER_TEACHER} availability schedules: delete one first`,
        { cause: error },
      );
    }
    throw error;
  }
  await deps.bus.publish({ type: 'catalog', tenantId: input.tenantId });
  return reloadSchedule(deps, input.tenantId, scheduleId);
}
