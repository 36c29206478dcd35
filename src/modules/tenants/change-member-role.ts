import type { Database } from '../../db/client.ts';
import type { CacheBus } from '../../lib/cache-bus.ts';
import { AppError } from '../../lib/errors.ts';
import * as team from './team.repo.ts';

/**
 * Makes a member an ADMIN or a MEMBER (teacher). The owner's role changes only by transferring
 * ownership, and nobody changes their own (an admin could lock themselves out of the team screen).
 */
export async function changeMemberRole(
  deps: { db: Database; bus: CacheBus },
  input: { tenantId: number; actorId: number; userId: number; role: 'ADMIN' | 'MEMBER' },
) {
  if (input.userId === input.actorId) {
    throw new AppError('FORBIDDEN', 'You cannot change your own role: ask the owner or another admin');
  }
  const changed = await deps.db.transaction(async (tx) => {
    const member = await team.lockMember(tx, input.tenantId, input.userId);
    if (!member) throw new AppError('NOT_FOUND', 'Member not found');
    if (member.role === 'OWNER') {
      throw new AppError('FORBIDDEN', "The owner's role changes only by transferring ownership");
    }
    if (member.role === input.role) return false;
    await team.setRole(tx, input.tenantId, input.userId, input.role);
    return true;
  });
  if (changed) await deps.bus.publish({ type: 'user', userId: input.userId });
  return { success: true, userId: input.userId, role: input.role };
}
