import type { Database } from '../../db/client.ts';
import type { CacheBus } from '../../lib/cache-bus.ts';
import { TtlCache } from '../../lib/ttl-cache.ts';
import { findStudentIdForTenant } from '../immersio/sso.repo.ts';
import { listMembershipsForUser, type MembershipRow } from '../tenants/tenants.repo.ts';
import type { Auth } from './auth.ts';
import { type Credential, credentialHeaders } from './credentials.ts';

export interface Viewer {
  userId: number;
  email: string;
  name: string;
  avatarUrl: string | null;
  timeZone: string;
  sessionId: number;
  sessionToken: string;
  sessionExpiresAt: number;
  via: Credential['via'];
  /** The session's chosen tenant if still a member there, else the first membership. */
  activeTenantId: number | null;
  memberships: MembershipRow[];
  /**
   * A student's session (Sign in with Immersio): the tenant it was made for — one the user is not
   * a member of — and the student's Immersio id there, for the booking form and whitelists.
   */
  immersioStudent: { tenantId: number; studentId: string } | null;
}

/**
 * Resolves a request's credential to a viewer. better-auth validates the session (signature,
 * expiry, revocation); the answer is cached for a short time keyed by the exact credential,
 * and dropped on sign-out, tenant switch or membership change on every instance (cache bus).
 * While the bus cannot deliver those, nothing is cached.
 */
export function createViewerResolver(options: { auth: Auth; db: Database; bus: CacheBus; ttlMs?: number }) {
  const cache = new TtlCache<string, Viewer>({ ttlMs: options.ttlMs ?? 30_000, maxEntries: 50_000 });
  const inflight = new Map<string, Promise<Viewer | null>>();

  options.bus.subscribe((event) => {
    if (event.type === 'all') cache.clear();
    else if (event.type === 'session') cache.deleteWhere((v) => v.sessionToken === event.token);
    else if (event.type === 'user') cache.deleteWhere((v) => v.userId === event.userId);
    else if (event.type === 'tenant')
      cache.deleteWhere((v) => v.memberships.some((m) => m.tenantId === event.tenantId));
  });

  async function load(credential: Credential): Promise<Viewer | null> {
    const result = await options.auth.api.getSession({ headers: credentialHeaders(credential) });
    if (!result) return null;
    const userId = Number(result.user.id);
    const session = result.session as { ssoTenantId?: number | null; ssoRole?: string | null };
    const memberships = withinSsoGrant(
      await listMembershipsForUser(options.db, userId),
      session.ssoTenantId ?? null,
      session.ssoRole ?? null,
    );
    const chosen = result.session.activeTenantId as number | null | undefined;
    const activeTenantId = memberships.some((m) => m.tenantId === chosen)
      ? (chosen as number)
      : (memberships[0]?.tenantId ?? null);
    // Only a session whose tenant is not one of the user's memberships costs this query.
    const studentId =
      typeof chosen === 'number' && chosen !== activeTenantId
        ? await findStudentIdForTenant(options.db, userId, chosen)
        : null;
    return {
      userId,
      email: result.user.email,
      name: result.user.name,
      avatarUrl: result.user.image ?? null,
      timeZone: (result.user as { timeZone?: string }).timeZone ?? 'UTC',
      sessionId: Number(result.session.id),
      sessionToken: result.session.token,
      sessionExpiresAt: new Date(result.session.expiresAt).getTime(),
      via: credential.via,
      activeTenantId,
      memberships,
      immersioStudent: studentId ? { tenantId: chosen as number, studentId } : null,
    };
  }

  return {
    async resolve(credential: Credential | null): Promise<Viewer | null> {
      if (!credential) return null;
      const key = credential.value;
      // A sign-out on another instance would not reach this cache: ask the database every time.
      if (!options.bus.delivering()) return load(credential);
      const cached = cache.get(key);
      if (cached && cached.sessionExpiresAt > Date.now()) return cached;
      let pending = inflight.get(key);
      if (!pending) {
        pending = load(credential).finally(() => inflight.delete(key));
        inflight.set(key, pending);
      }
      const viewer = await pending;
      // Cached from the first resolution only: a hit must not extend the entry's lifetime.
      if (viewer && !cache.get(key)) cache.set(key, viewer);
      return viewer;
    },
    clear() {
      cache.clear();
    },
  };
}

export type ViewerResolver = ReturnType<typeof createViewerResolver>;

const RANK: Record<string, number> = { MEMBER: 1, ADMIN: 2, OWNER: 3 };

/**
 * What a "Sign in with Immersio" session may act as: the token's tenant only, with no more than
 * the token's role. A teacher token for the owner's e-mail acts as a MEMBER; a student token has
 * no staff rights at all. Password sessions (no grant) keep every membership.
 */
export function withinSsoGrant(
  memberships: MembershipRow[],
  ssoTenantId: number | null,
  ssoRole: string | null,
): MembershipRow[] {
  if (ssoRole === null) return memberships;
  if (!(RANK[ssoRole] ?? 0)) return [];
  return memberships
    .filter((m) => m.tenantId === ssoTenantId)
    .map((m) => ({ ...m, role: roleWithin(m.role, ssoRole) as MembershipRow['role'] }));
}

/** `role`, lowered to `ceiling` when it is above it. */
export function roleWithin(role: string, ceiling: string): string {
  return (RANK[role] ?? 0) > (RANK[ceiling] ?? 0) ? ceiling : role;
}
