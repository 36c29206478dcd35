import type { Database } from '../../db/client.ts';
import type { CacheBus } from '../../lib/cache-bus.ts';
import { AppError } from '../../lib/errors.ts';
import { describeClasses, upcomingClassesOf } from './member-classes.ts';
import * as team from './team.repo.ts';
import * as repo from './tenants.repo.ts';

/**
 * Takes someone off the team. Refused for the owner (transfer ownership first), for oneself, and
 * while they still teach upcoming classes: 409 CONFLICT naming each one, to be reassigned first.
 * The tenant's row lock serialises this with workshop edits (which take it too), so a class cannot
 * be given to them between the check and the removal.
 */
export async function removeMember(
  deps: { db: Database; bus: CacheBus; now: () => Date },
  input: { tenantId: number; actorId: number; userId: number },
) {
  if (input.userId === input.actorId) {
    throw new AppError('FORBIDDEN', 'You cannot remove yourself: ask the owner or another admin');
  }
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    await repo.lockTenant(tx, input.tenantId);
    const member = await team.lockMember(tx, input.tenantId, input.userId);
    if (!member) throw new AppError('NOT_FOUND', 'Member not found');
    if (member.role === 'OWNER') {
      throw new AppError('FORBIDDEN', 'The owner cannot be removed: transfer ownership first');
    }
    const classes = await upcomingClassesOf(tx, input.tenantId, input.userId, now);
    if (classes.length > 0) {
      throw new AppError(
        'CONFLICT',
        `${member.name} still teaches ${classes.length} upcoming class${classes.length === 1 ? '' : 'es'}: ${describeClasses(classes)}. Reassign ${classes.length === 1 ? 'it' : 'them'} to another teacher first`,
      );
    }
    await team.deleteMembership(tx, input.tenantId, input.userId);
  });
  // Their cached sessions (every instance) must stop acting in this school at once.
  await deps.bus.publish({ type: 'user', userId: input.userId });
  return { success: true };
}
