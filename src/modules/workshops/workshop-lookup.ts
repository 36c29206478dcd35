import type { Executor } from '../../db/client.ts';
import * as repo from './workshops.repo.ts';

// The workshops domain as other domains see it (the Immersio course mapping): whether a workshop
// is the tenant's, and the row lock that serialises changes to its whitelist.

/** Whether the tenant has this workshop (with its event type and teacher). */
export async function workshopExists(db: Executor, tenantId: number, workshopId: number): Promise<boolean> {
  return (await repo.findWorkshop(db, tenantId, workshopId)) !== undefined;
}

/**
 * Locks the workshop row until the transaction ends, serialising whitelist changes; false when the
 * workshop is not this tenant's.
 */
export async function lockWorkshopWhitelist(
  db: Executor,
  tenantId: number,
  workshopId: number,
): Promise<boolean> {
  return (await repo.lockWorkshop(db, tenantId, workshopId)) !== undefined;
}
