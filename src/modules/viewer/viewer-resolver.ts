import type { Database } from '../../db/client.ts';
import type { CacheBus } from '../../lib/cache-bus.ts';
import { TtlCache } from '../../lib/ttl-cache.ts';
import type { ApiKeyActor, ApiKeyResolver } from '../api-keys/api-key-resolver.ts';
import { looksLikeApiKey } from '../api-keys/api-key-secret.ts';
import type { Auth } from '../auth/auth.ts';
import { type Credential, credentialHeaders } from '../auth/credentials.ts';
import type { MembershipRow } from '../tenants/roles.ts';
import { withinSsoGrant } from '../tenants/roles.ts';
import { listMemberships } from '../tenants/tenant-lookup.ts';
import { findStudentIdForTenant } from './student-identity.repo.ts';

export interface Viewer {
  userId: number;
  email: string;
  name: string;
  avatarUrl: string | null;
  timeZone: string;
  /** The staff app's and staff e-mails' language (issue 18): a supported locale tag; English when unknown. */
  language?: string;
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
  /**
   * Set when the credential is an API key (`Bearer ibs_…`): the key acts as ADMIN in its tenant
   * only, on behalf of its creator (whose id is `userId`), and is refused where a person is meant.
   */
  apiKey?: { id: number; name: string; prefix: string };
}

/** Whose per-window budget a call counts against: the key's own for an API key, else the user's. */
export function budgetKeyOf(viewer: Viewer): string {
  return viewer.apiKey ? `apikey:${viewer.apiKey.id}` : `user:${viewer.userId}`;
}

function apiKeyViewer(actor: ApiKeyActor): Viewer {
  return {
    userId: actor.creator.id,
    email: actor.creator.email,
    name: actor.creator.name,
    avatarUrl: actor.creator.avatarUrl,
    timeZone: actor.creator.timeZone,
    language: actor.creator.language,
    // No session: 0 is never a serial id, and the token matches no session's bus event.
    sessionId: 0,
    sessionToken: `api-key:${actor.id}`,
    sessionExpiresAt: actor.expiresAt?.getTime() ?? Number.MAX_SAFE_INTEGER,
    via: 'bearer',
    activeTenantId: actor.tenant.id,
    memberships: [
      {
        tenantId: actor.tenant.id,
        tenantSlug: actor.tenant.slug,
        tenantName: actor.tenant.name,
        role: 'ADMIN',
      },
    ],
    immersioStudent: null,
    apiKey: { id: actor.id, name: actor.name, prefix: actor.prefix },
  };
}

/**
 * Resolves a request's credential to a viewer. better-auth validates the session (signature,
 * expiry, revocation); the answer is cached for a short time keyed by the exact credential,
 * and dropped on sign-out, tenant switch or membership change on every instance (cache bus).
 * While the bus cannot deliver those, nothing is cached.
 */
export function createViewerResolver(options: {
  auth: Auth;
  db: Database;
  bus: CacheBus;
  ttlMs?: number;
  apiKeys?: ApiKeyResolver;
}) {
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
      await listMemberships(options.db, userId),
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
      language: (result.user as { language?: string }).language ?? 'en',
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
      // API keys have their own cache (by hash) and revocation events.
      if (options.apiKeys && credential.via === 'bearer' && looksLikeApiKey(credential.value)) {
        const actor = await options.apiKeys.resolve(credential.value);
        return actor ? apiKeyViewer(actor) : null;
      }
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
