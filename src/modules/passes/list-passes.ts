import { tenantPublicUrl } from '../../lib/public-urls.ts';
import { findTenant } from '../tenants/tenant-lookup.ts';
import { classPassView, titlesOf } from './class-pass-view.ts';
import { listClassPasses } from './class-passes.repo.ts';
import type { PassesDeps } from './passes-deps.ts';

/** The school's passes with what was sold of each (immersio.pass.list; any member may read). */
export async function listPasses(
  deps: Pick<PassesDeps, 'db' | 'env' | 'now'>,
  query: { tenantId: number; status?: 'active' | 'archived' | undefined },
) {
  const [rows, tenant] = await Promise.all([
    listClassPasses(deps.db, query.tenantId, { status: query.status, now: deps.now() }),
    findTenant(deps.db, { id: query.tenantId }),
  ]);
  const titles = await titlesOf(deps.db, query.tenantId, rows);
  return {
    /** The school's public page selling its passes. */
    pageUrl: `${tenantPublicUrl(deps.env, tenant!.slug)}/passes`,
    passes: rows.map((row) => ({
      ...classPassView(row, titles),
      sold: row.sold,
      activeHolders: row.activeHolders,
    })),
  };
}
