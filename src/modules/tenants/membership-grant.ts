import type { Tx } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import { assertWithinLimit, PLANS } from './plans.ts';
import { lockTenantForLimits } from './tenant-lookup.ts';
import * as tenantsRepo from './tenants.repo.ts';

/**
 * A membership granted by an identity provider (Immersio SSO) with at least `wanted`: added if
 * missing (counted against the plan's teachers under the tenant's row lock, like an invitation),
 * MEMBER raised to ADMIN, OWNER and ADMIN never lowered.
 */
export async function ensureMembershipAtLeast(
  tx: Tx,
  tenantId: number,
  user: { id: number; email: string },
  wanted: 'ADMIN' | 'MEMBER',
  now: Date,
): Promise<string> {
  const current = await tenantsRepo.findMembership(tx, tenantId, user.id);
  if (current) {
    if (current.role === 'MEMBER' && wanted === 'ADMIN') {
      await tenantsRepo.setMembershipRole(tx, tenantId, user.id, 'ADMIN');
      return 'ADMIN';
    }
    return current.role;
  }
  const locked = await lockTenantForLimits(tx, tenantId);
  if (!locked) throw new AppError('INVALID_TOKEN');
  // An open invitation for this address already holds a seat: the membership takes it.
  const invite = await tenantsRepo.findUnresolvedInvite(tx, tenantId, user.email);
  if (!invite || invite.expiresAt <= now) {
    const used =
      (await tenantsRepo.countMembers(tx, tenantId)) +
      (await tenantsRepo.countOpenInvites(tx, tenantId, now));
    assertWithinLimit(PLANS[locked.plan], 'maxTeachers', used);
  }
  const inserted = await tenantsRepo.insertMembership(tx, { tenantId, userId: user.id, role: wanted });
  if (inserted) return inserted.role;
  // A concurrent sign-in added it first.
  return (await tenantsRepo.findMembership(tx, tenantId, user.id))?.role ?? wanted;
}
