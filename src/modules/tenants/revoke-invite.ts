import type { Database } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import * as team from './team.repo.ts';
import * as repo from './tenants.repo.ts';

/**
 * Withdraws an unanswered invitation: its link stops working and its seat on the plan is free.
 * Withdrawing one already withdrawn changes nothing; an accepted one is a membership by now.
 */
export async function revokeInvite(
  deps: { db: Database; now: () => Date },
  input: { tenantId: number; inviteId: number },
) {
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    const invite = await team.lockInvite(tx, input.tenantId, input.inviteId);
    if (!invite) throw new AppError('NOT_FOUND', 'Invite not found');
    if (invite.acceptedAt) {
      throw new AppError(
        'CONFLICT',
        `${invite.email} has already accepted this invite: remove the member instead`,
      );
    }
    if (!invite.revokedAt) await repo.revokeInvite(tx, input.tenantId, invite.id, now);
  });
  return { success: true };
}
