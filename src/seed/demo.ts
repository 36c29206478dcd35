import { sql } from 'drizzle-orm';
import { type Database, queryRows } from '../db/client.ts';
import { addMember, provisionTenant } from '../modules/tenants/provisioning.ts';
import { findTenantBySlug } from '../modules/tenants/tenants.repo.ts';

export const DEMO = {
  tenant: { name: 'Language Academy', slug: 'language-academy', plan: 'growth' as const },
  owner: { email: 'admin@language-academy.test', name: 'Academy Admin', password: 'demo-admin-password' },
  teacher: {
    email: 'jane@language-academy.test',
    name: 'Jane Smith',
    password: 'demo-teacher-password',
    timeZone: 'America/New_York',
  },
};

export async function isEmpty(db: Database): Promise<boolean> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from tenants`);
  return (row?.n ?? 0) === 0;
}

/** The demo tenant of the README. Idempotent: an existing demo tenant is left as it is. */
export async function seedDemo(db: Database): Promise<{ created: boolean; tenantId: number }> {
  const existing = await findTenantBySlug(db, DEMO.tenant.slug);
  if (existing) return { created: false, tenantId: existing.id };
  const { tenant } = await provisionTenant(db, {
    ...DEMO.tenant,
    owner: DEMO.owner,
    timeZone: 'America/New_York',
  });
  await addMember(db, { tenantId: tenant.id, role: 'MEMBER', user: DEMO.teacher });
  return { created: true, tenantId: tenant.id };
}
