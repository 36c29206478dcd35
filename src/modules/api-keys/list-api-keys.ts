import type { Executor } from '../../db/client.ts';
import * as repo from './api-keys.repo.ts';

/** The school's keys that are not revoked (expired ones too, marked by `expiresAt`), newest first. */
export async function listApiKeys(deps: { db: Executor }, input: { tenantId: number }) {
  return { keys: await repo.listUnrevoked(deps.db, input.tenantId) };
}
