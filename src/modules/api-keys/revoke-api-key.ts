import type { Executor } from '../../db/client.ts';
import type { CacheBus } from '../../lib/cache-bus.ts';
import { AppError } from '../../lib/errors.ts';
import * as repo from './api-keys.repo.ts';

/**
 * Revokes one of the tenant's keys. The bus event drops the key from every instance's cache, so
 * the next request with it is refused wherever it lands. Another tenant's key id is NOT_FOUND.
 */
export async function revokeApiKey(
  deps: { db: Executor; bus: CacheBus; now: () => Date },
  input: { tenantId: number; id: number },
) {
  const revoked = await repo.revoke(deps.db, input.tenantId, input.id, deps.now());
  if (!revoked) throw new AppError('NOT_FOUND', 'No such API key');
  await deps.bus.publish({ type: 'apiKey', keyId: revoked.id });
  return { success: true as const };
}
