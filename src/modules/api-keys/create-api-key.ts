import type { Database } from '../../db/client.ts';
import { AppError, validationError } from '../../lib/errors.ts';
import { lockTenantForLimits } from '../tenants/tenant-lookup.ts';
import { newApiKey } from './api-key-secret.ts';
import * as repo from './api-keys.repo.ts';

/** Unrevoked keys a school may hold: plenty for integrations, a bound on what a leak can mint. */
export const MAX_API_KEYS = 50;

/** Creates a key for the tenant; the key itself is in this answer only, never stored or shown again. */
export async function createApiKey(
  deps: { db: Database; now: () => Date },
  command: { tenantId: number; actorId: number; name: string; expiresAt?: Date | null | undefined },
) {
  const now = deps.now();
  const expiresAt = command.expiresAt ?? null;
  if (expiresAt && expiresAt.getTime() <= now.getTime()) {
    throw validationError([{ path: ['expiresAt'], message: 'must be in the future' }]);
  }
  return deps.db.transaction(async (tx) => {
    // The tenant row lock makes the count and the insert one step against concurrent creates.
    if (!(await lockTenantForLimits(tx, command.tenantId))) throw new AppError('TENANT_NOT_FOUND');
    if ((await repo.countUnrevoked(tx, command.tenantId)) >= MAX_API_KEYS) {
      throw new AppError('CONFLICT', `A school can hold at most ${MAX_API_KEYS} API keys: revoke one first`);
    }
    const { key, prefix, hash } = newApiKey();
    const row = await repo.insertApiKey(tx, {
      tenantId: command.tenantId,
      name: command.name,
      prefix,
      keyHash: hash,
      createdBy: command.actorId,
      createdAt: now,
      expiresAt,
    });
    return { id: row.id, key, name: command.name, prefix, createdAt: row.createdAt, expiresAt };
  });
}
