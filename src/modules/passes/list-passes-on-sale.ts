import { AppError } from '../../lib/errors.ts';
import { findTenant } from '../tenants/tenant-lookup.ts';
import { classPassView, titlesOf } from './class-pass-view.ts';
import { listClassPasses } from './class-passes.repo.ts';
import type { PassesDeps } from './passes-deps.ts';

/**
 * The passes a school sells, for its public passes page and GET /api/v1/public/passes: only
 * active ones, and of the workshops they pay for only the school's active ones are named.
 */
export async function listPassesOnSale(deps: Pick<PassesDeps, 'db' | 'now' | 'stripe'>, tenantSlug: string) {
  const tenant = await findTenant(deps.db, { slug: tenantSlug });
  if (!tenant) throw new AppError('TENANT_NOT_FOUND');
  const rows = await listClassPasses(deps.db, tenant.id, { status: 'active', now: deps.now() });
  const titles = await titlesOf(deps.db, tenant.id, rows);
  for (const [id, w] of titles) if (w.status !== 'active') titles.delete(id);
  return {
    tenant: { id: tenant.id, name: tenant.name, slug: tenant.slug },
    /** Whether the school can take a payment now (a pass cannot be bought otherwise). */
    onSale: deps.stripe !== undefined && tenant.stripeAccountId !== null,
    passes: rows.map((row) => {
      const { id, name, classes, price, currency, validDays, workshops } = classPassView(row, titles);
      return { id, name, classes, price, currency, validDays, workshops };
    }),
  };
}
