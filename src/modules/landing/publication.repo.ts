import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { landingPages } from '../../db/schema/index.ts';

/**
 * Takes the tenant's landing page off line. `published_at` keeps the last publication: it says
 * when the page was last made public, not that it is. Undefined when the tenant has no page row.
 */
export async function unpublishLandingPage(db: Executor, tenantId: number, now: Date) {
  const [row] = await db
    .update(landingPages)
    .set({ isPublished: false, updatedAt: now })
    .where(eq(landingPages.tenantId, tenantId))
    .returning({ updatedAt: landingPages.updatedAt });
  return row;
}
