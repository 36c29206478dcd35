import { AppError } from '../../lib/errors.ts';
import type { Role } from '../tenants/roles.ts';

export interface StaffActor {
  actorId: number;
  role: Role;
}

/** A staff member acting in their school (the staff use cases' caller). */
export type Actor = StaffActor & { tenantId: number };

export type StaffRole = 'teacher' | 'admin';

export function isSchoolAdmin(role: Role): boolean {
  return role === 'OWNER' || role === 'ADMIN';
}

/**
 * Staff act on the bookings of a workshop they teach, or on any as an admin; the answer is what
 * a cancellation records as `cancelledBy`.
 */
export function staffRoleOn(actor: StaffActor, teacherId: number): StaffRole {
  if (teacherId === actor.actorId) return 'teacher';
  if (isSchoolAdmin(actor.role)) return 'admin';
  throw new AppError('FORBIDDEN', 'Only an admin or the workshop’s teacher can do this');
}

/**
 * The checks `cancelSession` and its preview share, in the same order: the session exists in
 * this tenant, the actor may cancel it, it is not cancelled yet.
 */
export function sessionCancellationBy(
  actor: StaffActor,
  session: { status: string; teacherId: number } | undefined,
): StaffRole {
  if (!session) throw new AppError('NOT_FOUND', 'Session not found');
  const by = staffRoleOn(actor, session.teacherId);
  if (session.status === 'cancelled') throw new AppError('CONFLICT', 'This session is already cancelled');
  return by;
}
