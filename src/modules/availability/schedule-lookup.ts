import type { Executor } from '../../db/client.ts';
import * as repo from './availability.repo.ts';
import type { AvailabilityRules } from './schedule-shape.schema.ts';

/**
 * What other domains (workshops, bookings) read of availability: the rules a teacher's slots are
 * computed from. `scheduleId` is the workshop's chosen schedule; when it is unset, deleted, or no
 * longer the teacher's (the workshop changed teacher), the teacher's default schedule applies.
 * Undefined only when the teacher is not a member of the tenant (every member has a default).
 */
export async function availabilityRulesFor(
  db: Executor,
  input: { tenantId: number; teacherId: number; scheduleId?: number | null | undefined },
): Promise<(AvailabilityRules & { scheduleId: number }) | undefined> {
  const chosen =
    input.scheduleId == null ? undefined : await repo.findSchedule(db, input.tenantId, input.scheduleId);
  const schedule =
    chosen && chosen.teacher.id === input.teacherId
      ? chosen
      : await repo.findDefaultSchedule(db, input.tenantId, input.teacherId);
  if (!schedule) return undefined;
  return {
    scheduleId: schedule.id,
    timeZone: schedule.timeZone,
    weeklyHours: schedule.weeklyHours,
    overrides: schedule.overrides,
  };
}

/** The teacher a schedule belongs to, if it is this tenant's. */
export async function scheduleTeacher(
  db: Executor,
  tenantId: number,
  scheduleId: number,
): Promise<number | undefined> {
  return (await repo.findSchedule(db, tenantId, scheduleId))?.teacher.id;
}
