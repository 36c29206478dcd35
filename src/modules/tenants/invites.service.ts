import type { Database } from '../../db/client.ts';
import type { CacheBus } from '../../lib/cache-bus.ts';
import { AppError } from '../../lib/errors.ts';
import { hashToken } from '../../lib/tokens.ts';
import { findOrCreateUserWithPassword } from '../auth/accounts.ts';
import type { Auth } from '../auth/auth.ts';
import { chooseSessionTenantByToken } from '../auth/sessions.ts';
import * as repo from './tenants.repo.ts';

export function createInvitesService(deps: { db: Database; auth: Auth; bus: CacheBus; now: () => Date }) {
  return {
    /** What the invitation page shows before the invitee chooses a password. */
    async describe(token: string) {
      const invite = await repo.findInviteByTokenHash(deps.db, hashToken(token));
      if (!invite) throw new AppError('NOT_FOUND', 'Invite not found');
      const now = deps.now();
      const status = invite.acceptedAt
        ? 'accepted'
        : invite.revokedAt
          ? 'revoked'
          : invite.expiresAt <= now
            ? 'expired'
            : 'open';
      return {
        email: invite.email,
        name: invite.name,
        role: invite.role,
        status,
        expiresAt: invite.expiresAt.toISOString(),
        tenant: { name: invite.tenantName, slug: invite.tenantSlug },
      };
    },

    /**
     * Accepts an invite: creates or links the user, adds the membership with the invited role
     * and signs the user in. A used, withdrawn or expired invite changes nothing.
     */
    async accept(input: { token: string; name: string; password: string; headers: Headers }) {
      const now = deps.now();
      const accepted = await deps.db.transaction(async (tx) => {
        const invite = await repo.lockInviteByTokenHash(tx, hashToken(input.token));
        if (!invite) throw new AppError('NOT_FOUND', 'Invite not found');
        if (invite.acceptedAt) throw new AppError('GONE', 'This invite has already been used');
        if (invite.revokedAt) throw new AppError('GONE', 'This invite has been withdrawn');
        if (invite.expiresAt <= now) throw new AppError('GONE', 'This invite has expired: ask for a new one');
        const { user } = await findOrCreateUserWithPassword(tx, {
          email: invite.email,
          name: input.name,
          password: input.password,
        });
        await repo.insertMembership(tx, { tenantId: invite.tenantId, userId: user.id, role: invite.role });
        await repo.markInviteAccepted(tx, invite.tenantId, invite.id, user.id, now);
        const tenant = await repo.findTenantView(tx, invite.tenantId);
        return { invite, user, tenant: tenant! };
      });
      await deps.bus.publish({ type: 'user', userId: accepted.user.id });
      const signedIn = await deps.auth.api.signInEmail({
        body: { email: accepted.user.email, password: input.password },
        headers: input.headers,
        returnHeaders: true,
      });
      const token = signedIn.response.token;
      await chooseSessionTenantByToken(deps.db, token, accepted.invite.tenantId);
      return {
        token,
        setCookie: signedIn.headers.getSetCookie(),
        body: {
          success: true,
          token,
          user: { id: accepted.user.id, email: accepted.user.email, name: accepted.user.name },
          tenant: { id: accepted.tenant.id, slug: accepted.tenant.slug, name: accepted.tenant.name },
          role: accepted.invite.role,
        },
      };
    },
  };
}
