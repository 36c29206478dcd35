import type { Executor } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import * as repo from './member-notifications.repo.ts';

// A member's e-mail settings are per school (a membership row), so a teacher of two schools can
// take one school's morning digest and not the other's (issue 17).

export interface MemberNotifications {
  dailyDigest: boolean;
}

/** The member's settings in the school; FORBIDDEN when they are no longer a member there. */
export async function getMemberNotifications(
  db: Executor,
  tenantId: number,
  userId: number,
): Promise<MemberNotifications> {
  const row = await repo.findMemberNotifications(db, tenantId, userId);
  if (!row) throw new AppError('FORBIDDEN', 'You are not a member of this school');
  return row;
}

export async function setMemberNotifications(
  db: Executor,
  tenantId: number,
  userId: number,
  values: MemberNotifications,
): Promise<MemberNotifications> {
  const row = await repo.updateMemberNotifications(db, tenantId, userId, values);
  if (!row) throw new AppError('FORBIDDEN', 'You are not a member of this school');
  return row;
}
