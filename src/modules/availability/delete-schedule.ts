import { AppError } from '../../lib/errors.ts';
import * as repo from './availability.repo.ts';
import type { DeleteScheduleInput } from './procedures/delete-schedule.schema.ts';
import {
  type Actor,
  type AvailabilityDeps,
  accessibleSchedule,
  scheduleNotFound,
} from './schedule-access.ts';

function defaultNotDeletable(): AppError {
  return new AppError(
    'CONFLICT',
    'The default availability schedule cannot be deleted: make another schedule the default first',
  );
}

/**
 * Deletes a schedule that is not its teacher's default (409 CONFLICT for the default). Workshops
 * that used it fall back to the teacher's default schedule (schedule-lookup.ts).
 */
export async function deleteSchedule(
  deps: Pick<AvailabilityDeps, 'db' | 'bus'>,
  input: DeleteScheduleInput & Actor,
) {
  const schedule = await accessibleSchedule(deps, input, input.scheduleId);
  if (schedule.isDefault) throw defaultNotDeletable();
  if (!(await repo.deleteNonDefaultSchedule(deps.db, input.tenantId, schedule.id))) {
    // Made the default (or deleted) by someone else since it was read.
    const now = await repo.findSchedule(deps.db, input.tenantId, schedule.id);
    throw now ? defaultNotDeletable() : scheduleNotFound();
  }
  await deps.bus.publish({ type: 'catalog', tenantId: input.tenantId });
  return { success: true as const };
}
