import type { Database } from '../../db/client.ts';
import type { CacheBus } from '../../lib/cache-bus.ts';
import type { Logger } from '../../lib/logger.ts';
import { TtlCache } from '../../lib/ttl-cache.ts';
import { hashApiKey } from './api-key-secret.ts';
import { type ApiKeyRecord, findByHash, touchLastUsed } from './api-keys.repo.ts';

/** Who acts when a request carries a valid key: the key, in its tenant, on behalf of its creator. */
export type ApiKeyActor = Omit<ApiKeyRecord, 'revokedAt' | 'lastUsedAt'>;

/** `last_used_at` is a hint for humans ("used 3 minutes ago"): one write a minute per key is plenty. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Resolves a bearer API key. Lookups are cached in memory by the key's hash (never the key) and
 * dropped on every instance when a key is revoked, or its tenant or creator changes (cache bus).
 * While the bus cannot deliver, every request asks the database, so a revocation elsewhere is
 * never missed.
 */
export function createApiKeyResolver(deps: {
  db: Database;
  bus: CacheBus;
  now: () => Date;
  logger: Logger;
  ttlMs?: number;
}) {
  const cache = new TtlCache<string, ApiKeyRecord>({ ttlMs: deps.ttlMs ?? 30_000, maxEntries: 10_000 });
  // Bumped on every invalidation, so that a lookup which raced a revocation is not cached.
  let generation = 0;
  deps.bus.subscribe((event) => {
    if (event.type === 'all') cache.clear();
    else if (event.type === 'apiKey') cache.deleteWhere((k) => k.id === event.keyId);
    else if (event.type === 'tenant') cache.deleteWhere((k) => k.tenant.id === event.tenantId);
    else if (event.type === 'user') cache.deleteWhere((k) => k.creator.id === event.userId);
    else return;
    generation += 1;
  });

  async function lookup(hash: string): Promise<ApiKeyRecord | undefined> {
    if (!deps.bus.delivering()) return findByHash(deps.db, hash);
    const cached = cache.get(hash);
    if (cached) return cached;
    const started = generation;
    const record = await findByHash(deps.db, hash);
    if (record && started === generation) cache.set(hash, record);
    return record;
  }

  async function noteUse(record: ApiKeyRecord, now: Date): Promise<void> {
    const last = record.lastUsedAt?.getTime();
    if (last !== undefined && now.getTime() - last < LAST_USED_RESOLUTION_MS) return;
    // Set before the write: concurrent requests on this instance see it and skip theirs.
    record.lastUsedAt = now;
    const notBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
    try {
      await touchLastUsed(deps.db, { tenantId: record.tenant.id, id: record.id }, now, notBefore);
    } catch (error) {
      deps.logger.warn({ err: error, apiKeyId: record.id }, 'could not record an API key use');
    }
  }

  return {
    /** The key's actor, or null for an unknown, revoked or expired key. */
    async resolve(key: string): Promise<ApiKeyActor | null> {
      const record = await lookup(hashApiKey(key));
      if (!record || record.revokedAt) return null;
      const now = deps.now();
      if (record.expiresAt && record.expiresAt.getTime() <= now.getTime()) return null;
      await noteUse(record, now);
      const { revokedAt: _revoked, lastUsedAt: _lastUsed, ...actor } = record;
      return actor;
    },
    clear() {
      cache.clear();
    },
  };
}

export type ApiKeyResolver = ReturnType<typeof createApiKeyResolver>;
