import { and, eq, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import {
  immersioIdentities,
  immersioIntegrations,
  memberships,
  tenants,
  usedSsoTokens,
  users,
} from '../../db/schema/index.ts';

/** The tenant whose live (not disconnected) integration is this Immersio organisation. */
export async function findTenantByOrgId(db: Executor, orgId: string) {
  const [row] = await db
    .select({
      tenantId: tenants.id,
      slug: tenants.slug,
      plan: tenants.plan,
      orgId: immersioIntegrations.immersioOrgId,
    })
    .from(immersioIntegrations)
    .innerJoin(tenants, eq(tenants.id, immersioIntegrations.tenantId))
    .where(and(eq(immersioIntegrations.immersioOrgId, orgId), isNull(immersioIntegrations.disconnectedAt)));
  return row;
}

/** A tenant by slug (lower-cased) with its live integration's organisation, if any. */
export async function findTenantWithOrgBySlug(db: Executor, slug: string) {
  const [row] = await db
    .select({ tenantId: tenants.id, slug: tenants.slug, orgId: immersioIntegrations.immersioOrgId })
    .from(tenants)
    .leftJoin(
      immersioIntegrations,
      and(eq(immersioIntegrations.tenantId, tenants.id), isNull(immersioIntegrations.disconnectedAt)),
    )
    .where(eq(tenants.slug, slug.toLowerCase()));
  return row;
}

export async function findTenantSlug(db: Executor, tenantId: number) {
  const [row] = await db.select({ slug: tenants.slug }).from(tenants).where(eq(tenants.id, tenantId));
  return row?.slug;
}

/**
 * Marks a single-use key (`jwt:<jti>`, `state:<nonce>`) as used until `expiresAt`. False when it
 * was already used: the primary key makes concurrent uses race to one winner.
 */
export async function markUsedOnce(db: Executor, key: string, expiresAt: Date): Promise<boolean> {
  const rows = await db
    .insert(usedSsoTokens)
    .values({ jti: key, expiresAt })
    .onConflictDoNothing({ target: usedSsoTokens.jti })
    .returning({ jti: usedSsoTokens.jti });
  return rows.length === 1;
}

/** Forgets used keys whose token or state could no longer be accepted anyway (in small batches). */
export async function deleteExpiredUsedTokens(db: Executor, now: Date, batch = 500): Promise<void> {
  const expired = db
    .select({ jti: usedSsoTokens.jti })
    .from(usedSsoTokens)
    .where(lt(usedSsoTokens.expiresAt, now))
    .limit(batch);
  await db.delete(usedSsoTokens).where(inArray(usedSsoTokens.jti, expired));
}

export async function findIdentity(db: Executor, orgId: string, subject: string) {
  const [row] = await db
    .select()
    .from(immersioIdentities)
    .where(and(eq(immersioIdentities.orgId, orgId), eq(immersioIdentities.subject, subject)));
  return row;
}

/** Links (or re-links) an Immersio identity to a user; role and student id follow the latest token. */
export async function upsertIdentity(
  db: Executor,
  values: { userId: number; orgId: string; subject: string; role: string; immersioStudentId: string | null },
  now: Date,
) {
  await db
    .insert(immersioIdentities)
    .values({ ...values, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [immersioIdentities.orgId, immersioIdentities.subject],
      set: {
        userId: values.userId,
        role: values.role,
        immersioStudentId: values.immersioStudentId,
        updatedAt: now,
      },
    });
}

/** Tenants other than `tenantId` where the user is a member (the account-linking guard). */
export async function countMembershipsElsewhere(db: Executor, userId: number, tenantId: number | null) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(
      tenantId === null
        ? eq(memberships.userId, userId)
        : and(eq(memberships.userId, userId), ne(memberships.tenantId, tenantId)),
    );
  return row?.n ?? 0;
}

export async function findUserById(db: Executor, userId: number) {
  const [row] = await db.select().from(users).where(eq(users.id, userId));
  return row;
}

/** A new user for an SSO sign-in (no password); a concurrent sign-in with the same e-mail wins. */
export async function insertUserIfAbsent(db: Executor, values: { email: string; name: string }) {
  const email = values.email.toLowerCase();
  const [row] = await db.insert(users).values({ email, name: values.name }).onConflictDoNothing().returning();
  if (row) return row;
  const [existing] = await db.select().from(users).where(sql`lower(${users.email}) = ${email}`);
  return existing!;
}
