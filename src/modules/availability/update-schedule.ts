import * as repo from './availability.repo.ts';
import type { UpdateScheduleInput } from './procedures/update-schedule.schema.ts';
import {
  type Actor,
  type AvailabilityDeps,
  accessibleSchedule,
  reloadSchedule,
  scheduleNotFound,
} from './schedule-access.ts';

/**
 * Changes the given fields and leaves the others alone. `weeklyHours` and `overrides` replace the
 * whole week and the whole list (a weekday left out has no hours). The default moves only
 * through setDefault (or create with `isDefault`).
 */
export async function updateSchedule(
  deps: Pick<AvailabilityDeps, 'db' | 'now' | 'bus'>,
  input: UpdateScheduleInput & Actor,
) {
  const schedule = await accessibleSchedule(deps, input, input.scheduleId);
  const patch: Partial<repo.ScheduleValues> = {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.timeZone !== undefined && { timeZone: input.timeZone }),
    ...(input.weeklyHours !== undefined && { weeklyHours: input.weeklyHours }),
    ...(input.overrides !== undefined && { overrides: input.overrides }),
  };
  if (Object.keys(patch).length === 0) return schedule;
  const updated = await repo.updateSchedule(deps.db, input.tenantId, schedule.id, {
    ...patch,
    now: deps.now(),
  });
  if (!updated) throw scheduleNotFound();
  await deps.bus.publish({ type: 'catalog', tenantId: input.tenantId });
  return reloadSchedule(deps, input.tenantId, schedule.id);
}
