import type { Database } from '../../db/client.ts';
import type { CacheBus } from '../../lib/cache-bus.ts';
import { AppError } from '../../lib/errors.ts';
import * as team from './team.repo.ts';
import * as repo from './tenants.repo.ts';

/**
 * Hands the school to another member: they become OWNER and the current owner ADMIN, in one
 * transaction under the tenant's lock, so there is exactly one owner before and after.
 */
export async function transferOwnership(
  deps: { db: Database; bus: CacheBus },
  input: { tenantId: number; actorId: number; userId: number },
) {
  if (input.userId === input.actorId) throw new AppError('CONFLICT', 'You already own this school');
  await deps.db.transaction(async (tx) => {
    await repo.lockTenant(tx, input.tenantId);
    const actor = await team.lockMember(tx, input.tenantId, input.actorId);
    if (actor?.role !== 'OWNER') throw new AppError('FORBIDDEN', 'Only the owner can transfer ownership');
    const target = await team.lockMember(tx, input.tenantId, input.userId);
    if (!target) throw new AppError('NOT_FOUND', 'Member not found');
    await team.setRole(tx, input.tenantId, input.actorId, 'ADMIN');
    await team.setRole(tx, input.tenantId, input.userId, 'OWNER');
  });
  await deps.bus.publish({ type: 'user', userId: input.actorId });
  await deps.bus.publish({ type: 'user', userId: input.userId });
  return { success: true };
}
