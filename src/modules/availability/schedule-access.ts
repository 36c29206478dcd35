import type { Database } from '../../db/client.ts';
import type { CacheBus } from '../../lib/cache-bus.ts';
import { AppError } from '../../lib/errors.ts';
import type { Role } from '../tenants/roles.ts';
import * as repo from './availability.repo.ts';

/** What the availability use cases may be given; each takes only the part it uses. */
export interface AvailabilityDeps {
  db: Database;
  now: () => Date;
  /** Told after every change, so cached slots and booking checks see the new hours. */
  bus: CacheBus;
}

/** Who is asking: the session's active tenant, the signed-in user and their role there. */
export interface Actor {
  tenantId: number;
  actorId: number;
  role: Role;
}

/**
 * Mirrors the cap in migration 0011's trigger (`availability_schedules_cap`), which is what
 * enforces it; this constant only words the refusal.
 */
export const MAX_SCHEDULES_PER_TEACHER = 20;

const MEMBER_OWN_ONLY = 'A MEMBER manages only their own availability schedules';

/**
 * The teacher a call is about: the caller unless `teacherId` names someone else, which only an
 * OWNER or ADMIN may do (else 403 FORBIDDEN). Anyone who is not a member of the tenant, in any
 * role, is 404 NOT_FOUND: other schools' user ids look exactly like missing ones.
 */
export async function resolveTeacher(
  deps: Pick<AvailabilityDeps, 'db'>,
  actor: Actor,
  teacherId: number | undefined,
): Promise<{ id: number; name: string }> {
  const id = teacherId ?? actor.actorId;
  if (actor.role === 'MEMBER' && id !== actor.actorId) throw new AppError('FORBIDDEN', MEMBER_OWN_ONLY);
  const teacher = await repo.findTeacher(deps.db, actor.tenantId, id);
  if (!teacher)
    throw new AppError('NOT_FOUND', 'Teacher not found: teacherId is not a member of this school');
  return teacher;
}

/** One of the tenant's schedules the caller may see and change (404 NOT_FOUND / 403 FORBIDDEN). */
export async function accessibleSchedule(
  deps: Pick<AvailabilityDeps, 'db'>,
  actor: Actor,
  scheduleId: number,
): Promise<repo.ScheduleRow> {
  const schedule = await repo.findSchedule(deps.db, actor.tenantId, scheduleId);
  if (!schedule) throw scheduleNotFound();
  if (actor.role === 'MEMBER' && schedule.teacher.id !== actor.actorId) {
    throw new AppError('FORBIDDEN', MEMBER_OWN_ONLY);
  }
  return schedule;
}

export function scheduleNotFound(): AppError {
  return new AppError('NOT_FOUND', 'Availability schedule not found');
}

/** The schedule as it is now, after a write; gone in between (a concurrent delete) is 404. */
export async function reloadSchedule(
  deps: Pick<AvailabilityDeps, 'db'>,
  tenantId: number,
  scheduleId: number,
) {
  const schedule = await repo.findSchedule(deps.db, tenantId, scheduleId);
  if (!schedule) throw scheduleNotFound();
  return schedule;
}
