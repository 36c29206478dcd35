import { and, eq, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../../db/client.ts';
import { customDomains } from '../../../db/schema/index.ts';

export type CustomDomainRow = typeof customDomains.$inferSelect;

export async function findCustomDomain(db: Executor, tenantId: number): Promise<CustomDomainRow | undefined> {
  const [row] = await db.select().from(customDomains).where(eq(customDomains.tenantId, tenantId));
  return row;
}

/** Claims `domain` for the school (replacing an earlier claim), unverified, with a new token. */
export async function claimCustomDomain(
  db: Executor,
  tenantId: number,
  domain: string,
  token: string,
): Promise<CustomDomainRow> {
  const fresh = { domain, token, verifiedAt: null, checkedAt: null, checkError: null, createdAt: sql`now()` };
  const [row] = await db
    .insert(customDomains)
    .values({ tenantId, domain, token })
    .onConflictDoUpdate({ target: customDomains.tenantId, set: fresh })
    .returning();
  return row!;
}

export async function removeCustomDomain(db: Executor, tenantId: number): Promise<void> {
  await db.delete(customDomains).where(eq(customDomains.tenantId, tenantId));
}

/**
 * Records a check of the claim made with `token` and returns the claim as it now stands (a later
 * claim is left alone: undefined). Verifying a domain another school has verified already breaks
 * the partial unique index: the caller answers CONFLICT.
 */
export async function recordCheck(
  db: Executor,
  tenantId: number,
  token: string,
  outcome: { verifiedAt: Date | null; checkedAt: Date; checkError: string | null },
): Promise<CustomDomainRow | undefined> {
  const [row] = await db
    .update(customDomains)
    .set(outcome)
    .where(and(eq(customDomains.tenantId, tenantId), eq(customDomains.token, token)))
    .returning();
  return row;
}

/** Who claimed `domain`: the school that verified it, else any pending claim; undefined if nobody. */
export async function claimOfDomain(
  db: Executor,
  domain: string,
): Promise<{ slug: string; verified: boolean } | undefined> {
  const [row] = await queryRows<{ slug: string; verified: boolean }>(
    db,
    sql`select t.slug, d.verified_at is not null as verified
        from custom_domains d join tenants t on t.id = d.tenant_id
        where d.domain = ${domain}
        order by d.verified_at is null
        limit 1`,
  );
  return row;
}
