import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { immersioIdentities, immersioIntegrations } from '../../db/schema/index.ts';

/**
 * The Immersio student id a user has in a tenant (through the tenant's live integration): what a
 * student's session carries for the booking form and whitelists.
 */
export async function findStudentIdForTenant(db: Executor, userId: number, tenantId: number) {
  const [row] = await db
    .select({ immersioStudentId: immersioIdentities.immersioStudentId })
    .from(immersioIdentities)
    .innerJoin(
      immersioIntegrations,
      and(
        eq(immersioIntegrations.immersioOrgId, immersioIdentities.orgId),
        isNull(immersioIntegrations.disconnectedAt),
      ),
    )
    .where(
      and(
        eq(immersioIdentities.userId, userId),
        eq(immersioIntegrations.tenantId, tenantId),
        isNotNull(immersioIdentities.immersioStudentId),
      ),
    )
    .limit(1);
  return row?.immersioStudentId ?? null;
}
