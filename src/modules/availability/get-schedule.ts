import type { GetScheduleInput } from './procedures/get-schedule.schema.ts';
import { type Actor, type AvailabilityDeps, accessibleSchedule } from './schedule-access.ts';

export function getSchedule(deps: Pick<AvailabilityDeps, 'db'>, input: GetScheduleInput & Actor) {
  return accessibleSchedule(deps, input, input.scheduleId);
}
