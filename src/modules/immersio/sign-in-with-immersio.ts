import type { Database } from '../../db/client.ts';
import type { Env } from '../../env.ts';
import type { CacheBus } from '../../lib/cache-bus.ts';
import type { Logger } from '../../lib/logger.ts';
import type { Auth } from '../auth/auth.ts';
import { ensureMembershipAtLeast } from '../tenants/membership-grant.ts';
import { roleWithin } from '../tenants/roles.ts';
import * as repo from './sso.repo.ts';
import { resolveSsoUser } from './sso-account-link.ts';
import { mintSsoSession } from './sso-session.ts';
import { redirectRefused, resolveRedirectUrl } from './sso-state.ts';
import { CLOCK_TOLERANCE_S, refused, SSO_ROLES, type SsoTokenVerifier } from './sso-token-verifier.ts';

const CLEANUP_EVERY_MS = 60_000;

export interface SignInWithImmersioDeps {
  db: Database;
  env: Pick<Env, 'PUBLIC_BASE_URL' | 'BOOKING_DOMAIN'>;
  auth: Auth;
  bus: CacheBus;
  logger: Logger;
  now: () => Date;
  verifier: Pick<SsoTokenVerifier, 'verify'>;
}

export interface SignInInput {
  token: string;
  /** The return leg: the tenant the state was issued for. */
  expectTenantId?: number;
  /** The callback: checked against the token's tenant before anything is written. */
  redirectUrl?: string;
  client: { ip?: string; userAgent?: string };
}

/**
 * Where every way of signing in with Immersio ends: verify the token, find the tenant by
 * organisation, spend the `jti`, provision the user, identity and membership, mint a session.
 */
export function createSignInWithImmersio(deps: SignInWithImmersioDeps) {
  const { logger } = deps;
  let lastCleanup = 0;

  /** Forgets used token ids and states that could no longer be accepted, at most once a minute. */
  function cleanup(now: Date) {
    if (now.getTime() - lastCleanup < CLEANUP_EVERY_MS) return;
    lastCleanup = now.getTime();
    repo.deleteExpiredUsedTokens(deps.db, now).catch((error: unknown) => {
      logger.warn({ err: error }, 'could not delete expired SSO token ids');
    });
  }

  return async function signIn(input: SignInInput) {
    const claims = await deps.verifier.verify(input.token);
    const now = deps.now();
    const tenant = await repo.findTenantByOrgId(deps.db, claims.orgId);
    if (!tenant)
      throw refused(logger, 'no tenant is connected to this organisation', { orgId: claims.orgId });
    if (input.expectTenantId !== undefined && input.expectTenantId !== tenant.tenantId) {
      throw refused(logger, 'token organisation is not the tenant the sign-in started for', {
        orgId: claims.orgId,
        tenantId: input.expectTenantId,
      });
    }
    let redirectUrl: string | undefined;
    if (input.redirectUrl !== undefined) {
      redirectUrl = resolveRedirectUrl(deps.env, tenant.slug, input.redirectUrl) ?? undefined;
      if (!redirectUrl) throw redirectRefused();
    }

    const result = await deps.db.transaction(async (tx) => {
      // Kept until the token could no longer pass `exp` (with the leeway), so a replay always hits it.
      const usedUntil = new Date((claims.exp + CLOCK_TOLERANCE_S) * 1000);
      if (!(await repo.markUsedOnce(tx, `jwt:${claims.jti}`, usedUntil))) {
        throw refused(logger, 'jti already used (replay)', { jti: claims.jti, orgId: claims.orgId });
      }
      const user = await resolveSsoUser(tx, logger, claims, tenant.tenantId);
      const student = claims.role === 'student';
      await repo.upsertIdentity(
        tx,
        {
          userId: user.id,
          orgId: claims.orgId,
          subject: claims.sub,
          role: claims.role,
          immersioStudentId: student ? (claims.studentId ?? claims.sub) : null,
        },
        now,
      );
      // The session acts with no more than the token's role (withinSsoGrant), whatever the
      // account holds: a teacher token for the owner's address is a MEMBER session.
      const grant = SSO_ROLES[claims.role];
      if (student) return { user, role: grant };
      const held = await ensureMembershipAtLeast(
        tx,
        tenant.tenantId,
        user,
        grant === 'ADMIN' ? 'ADMIN' : 'MEMBER',
        now,
      );
      return { user, role: roleWithin(held, grant) };
    });

    await deps.bus.publish({ type: 'user', userId: result.user.id });
    const session = await mintSsoSession(
      deps.auth,
      result.user.id,
      tenant.tenantId,
      SSO_ROLES[claims.role],
      input.client,
    );
    cleanup(now);
    logger.info(
      { userId: result.user.id, tenantId: tenant.tenantId, role: result.role, immersioRole: claims.role },
      'signed in with Immersio',
    );
    return {
      ...session,
      redirectUrl,
      body: {
        success: true as const,
        sessionToken: session.sessionToken,
        user: {
          id: result.user.id,
          email: result.user.email,
          name: result.user.name,
          tenantId: tenant.tenantId,
          role: result.role,
        },
      },
    };
  };
}

export type SignInWithImmersio = ReturnType<typeof createSignInWithImmersio>;
