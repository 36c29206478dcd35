import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { apiKeys, tenants, users } from '../../db/schema/index.ts';

export async function insertApiKey(
  db: Executor,
  values: {
    tenantId: number;
    name: string;
    prefix: string;
    keyHash: string;
    createdBy: number;
    createdAt: Date;
    expiresAt: Date | null;
  },
) {
  const [row] = await db
    .insert(apiKeys)
    .values(values)
    .returning({ id: apiKeys.id, createdAt: apiKeys.createdAt });
  return row!;
}

/** Keys not revoked yet (expired ones included: they still take a place until revoked). */
export async function countUnrevoked(db: Executor, tenantId: number): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(apiKeys)
    .where(and(eq(apiKeys.tenantId, tenantId), isNull(apiKeys.revokedAt)));
  return row?.count ?? 0;
}

/** The tenant's unrevoked keys, newest first, with who created them. */
export function listUnrevoked(db: Executor, tenantId: number) {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      createdAt: apiKeys.createdAt,
      expiresAt: apiKeys.expiresAt,
      lastUsedAt: apiKeys.lastUsedAt,
      createdBy: { id: users.id, name: users.name },
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.createdBy))
    .where(and(eq(apiKeys.tenantId, tenantId), isNull(apiKeys.revokedAt)))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

/** Revokes a key of this tenant; undefined when there is no such unrevoked key here. */
export async function revoke(db: Executor, tenantId: number, id: number, at: Date) {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: at })
    .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return row;
}

export interface ApiKeyRecord {
  id: number;
  name: string;
  prefix: string;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  tenant: { id: number; slug: string; name: string };
  creator: {
    id: number;
    email: string;
    name: string;
    avatarUrl: string | null;
    timeZone: string;
    language: string;
  };
}

/**
 * A key by its hash, with its tenant and its creator, whatever its state: the caller decides
 * whether a revoked or expired key counts. The hash is unique, so this is one index lookup.
 */
export async function findByHash(db: Executor, keyHash: string): Promise<ApiKeyRecord | undefined> {
  const [row] = await db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      expiresAt: apiKeys.expiresAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
      tenant: { id: tenants.id, slug: tenants.slug, name: tenants.name },
      creator: {
        id: users.id,
        email: users.email,
        name: users.name,
        avatarUrl: users.image,
        timeZone: users.timeZone,
        language: users.language,
      },
    })
    .from(apiKeys)
    .innerJoin(tenants, eq(tenants.id, apiKeys.tenantId))
    .innerJoin(users, eq(users.id, apiKeys.createdBy))
    .where(eq(apiKeys.keyHash, keyHash));
  return row;
}

/** Records a use unless one was recorded since `notBefore` (another instance may have). */
export async function touchLastUsed(
  db: Executor,
  key: { tenantId: number; id: number },
  at: Date,
  notBefore: Date,
): Promise<void> {
  await db
    .update(apiKeys)
    .set({ lastUsedAt: at })
    .where(
      and(
        eq(apiKeys.tenantId, key.tenantId),
        eq(apiKeys.id, key.id),
        or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, notBefore)),
      ),
    );
}
