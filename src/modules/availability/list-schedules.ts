import * as repo from './availability.repo.ts';
import type { ListSchedulesInput } from './procedures/list-schedules.schema.ts';
import { type Actor, type AvailabilityDeps, resolveTeacher } from './schedule-access.ts';

/**
 * Availability schedules: one teacher's when `teacherId` is given, else every teacher's of the
 * school for an OWNER or ADMIN and the caller's own for a MEMBER.
 */
export async function listSchedules(deps: Pick<AvailabilityDeps, 'db'>, input: ListSchedulesInput & Actor) {
  const everyone = input.teacherId === undefined && input.role !== 'MEMBER';
  const teacherId = everyone ? undefined : (await resolveTeacher(deps, input, input.teacherId)).id;
  return { schedules: await repo.listSchedules(deps.db, input.tenantId, teacherId) };
}
