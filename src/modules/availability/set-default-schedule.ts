import * as repo from './availability.repo.ts';
import type { SetDefaultScheduleInput } from './procedures/set-default-schedule.schema.ts';
import {
  type Actor,
  type AvailabilityDeps,
  accessibleSchedule,
  reloadSchedule,
  scheduleNotFound,
} from './schedule-access.ts';

/**
 * Makes a schedule its teacher's default. One transaction under the teacher's lock: the old default
 * is unset, then this one set, so concurrent calls for one teacher run one after another and the
 * partial unique index (one default per teacher) never sees two; a schedule deleted meanwhile is
 * 404 and the transaction rolls back, leaving the previous default in place.
 */
export async function setDefaultSchedule(
  deps: Pick<AvailabilityDeps, 'db' | 'now' | 'bus'>,
  input: SetDefaultScheduleInput & Actor,
) {
  const schedule = await accessibleSchedule(deps, input, input.scheduleId);
  if (schedule.isDefault) return schedule;
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    await repo.lockTeacher(tx, input.tenantId, schedule.teacher.id);
    await repo.clearDefault(tx, input.tenantId, schedule.teacher.id, now, schedule.id);
    if (!(await repo.markDefault(tx, input.tenantId, schedule.id, now))) throw scheduleNotFound();
  });
  await deps.bus.publish({ type: 'catalog', tenantId: input.tenantId });
  return reloadSchedule(deps, input.tenantId, schedule.id);
}
