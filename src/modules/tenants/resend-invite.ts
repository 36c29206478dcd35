import type { Database } from '../../db/client.ts';
import type { Env } from '../../env.ts';
import { AppError } from '../../lib/errors.ts';
import { hashToken, newToken } from '../../lib/tokens.ts';
import { emailJob } from '../outbox/email-job.ts';
import { enqueueJob } from '../outbox/enqueue.ts';
import { inviteEmail } from './invite-email.ts';
import { assertWithinLimit, PLANS } from './plans.ts';
import * as team from './team.repo.ts';
import * as repo from './tenants.repo.ts';
import { INVITE_TTL_MS } from './tenants.service.ts';

/**
 * Sends an unanswered invitation again with a new link and a new week: only a hash of the token is
 * kept, so the old link cannot be re-sent and stops working. An expired invite no longer holds a
 * seat, so re-opening it is counted against the plan's teachers again, under the tenant's lock.
 */
export async function resendInvite(
  deps: { db: Database; env: Env; now: () => Date; wakeOutbox: () => void },
  input: { tenantId: number; actorId: number; actorName: string; inviteId: number },
) {
  const now = deps.now();
  const token = newToken();
  const inviteLink = `${deps.env.PUBLIC_BASE_URL}/invite/${token}`;
  const expiresAt = new Date(now.getTime() + INVITE_TTL_MS);
  await deps.db.transaction(async (tx) => {
    const tenant = await repo.lockTenant(tx, input.tenantId);
    if (!tenant) throw new AppError('TENANT_NOT_FOUND');
    const invite = await team.lockInvite(tx, input.tenantId, input.inviteId);
    if (!invite) throw new AppError('NOT_FOUND', 'Invite not found');
    if (invite.acceptedAt) throw new AppError('CONFLICT', `${invite.email} has already accepted this invite`);
    if (invite.revokedAt) throw new AppError('GONE', 'This invite has been withdrawn: send a new one');
    if (invite.expiresAt <= now) {
      const used =
        (await repo.countMembers(tx, input.tenantId)) +
        (await repo.countOpenInvites(tx, input.tenantId, now));
      assertWithinLimit(PLANS[tenant.plan], 'maxTeachers', used);
    }
    await team.renewInvite(tx, input.tenantId, invite.id, {
      tokenHash: hashToken(token),
      expiresAt,
      invitedBy: input.actorId,
    });
    const role = invite.role === 'ADMIN' ? 'ADMIN' : 'MEMBER';
    await enqueueJob(
      tx,
      emailJob,
      inviteEmail({
        to: invite.email,
        inviteeName: invite.name,
        tenantName: tenant.name,
        inviterName: input.actorName,
        role,
        link: inviteLink,
        expiresAt,
        language: tenant.defaultLanguage,
      }),
      { tenantId: input.tenantId },
    );
  });
  deps.wakeOutbox();
  return { success: true, inviteId: input.inviteId, inviteLink, expiresAt };
}
