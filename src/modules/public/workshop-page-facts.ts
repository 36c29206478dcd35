import type { Executor } from '../../db/client.ts';
import { findWorkshopPageFacts, type WorkshopPageFacts } from './workshop-page-facts.repo.ts';

export type { WorkshopPageFacts };

/** What a workshop's page adds to the catalogue's answer: brand, policy, Immersio, the sessions' zone. */
export function workshopPageFacts(
  deps: { db: Executor; now: () => Date },
  tenantId: number,
  workshopId: number,
): Promise<WorkshopPageFacts | undefined> {
  return findWorkshopPageFacts(deps.db, tenantId, workshopId, deps.now());
}
