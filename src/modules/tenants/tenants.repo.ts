import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import { invites, memberships, stripeCredentials, tenants, users } from '../../db/schema/index.ts';
import type { PlanType } from './plans.ts';
import type { MembershipRow, Role } from './roles.ts';

export async function listMembershipsForUser(db: Executor, userId: number): Promise<MembershipRow[]> {
  return db
    .select({
      tenantId: memberships.tenantId,
      tenantSlug: tenants.slug,
      tenantName: tenants.name,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.id));
}

export async function findTenantView(db: Executor, tenantId: number) {
  const [row] = await db
    .select({
      id: tenants.id,
      name: tenants.name,
      slug: tenants.slug,
      logoUrl: tenants.logoUrl,
      plan: tenants.plan,
      timeZone: tenants.timeZone,
      createdAt: tenants.createdAt,
      // Raw SQL with explicit aliases: drizzle leaves columns of a single-table select
      // unqualified, which inside a subquery would bind to the subquery's own table.
      stripeConnected: sql<boolean>`exists (select 1 from stripe_credentials sc where sc.tenant_id = ${tenantId} and sc.superseded_at is null)`,
      immersioConnected: sql<boolean>`exists (select 1 from immersio_integrations ii where ii.tenant_id = ${tenantId} and ii.disconnected_at is null)`,
      landingPagePublished: sql<boolean>`coalesce((select lp.is_published from landing_pages lp where lp.tenant_id = ${tenantId}), false)`,
    })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  return row;
}

/** Row lock on the tenant: serialises limit checks (teachers, invites) within a tenant. */
export async function lockTenant(db: Executor, tenantId: number) {
  const [row] = await db.select().from(tenants).where(eq(tenants.id, tenantId)).for('update');
  return row;
}

export async function insertTenant(
  db: Executor,
  values: { name: string; slug: string; plan: PlanType; logoUrl?: string | null; timeZone?: string },
) {
  const [row] = await db.insert(tenants).values(values).returning();
  return row!;
}

export async function updateTenantPlan(db: Executor, tenantId: number, plan: PlanType) {
  const [row] = await db
    .update(tenants)
    .set({ plan, updatedAt: new Date() })
    .where(eq(tenants.id, tenantId))
    .returning({ id: tenants.id });
  return row;
}

export async function insertMembership(
  db: Executor,
  values: { tenantId: number; userId: number; role: Role },
) {
  const [row] = await db
    .insert(memberships)
    .values(values)
    .onConflictDoNothing({ target: [memberships.tenantId, memberships.userId] })
    .returning();
  return row;
}

export async function findMembership(db: Executor, tenantId: number, userId: number) {
  const [row] = await db
    .select()
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
  return row;
}

export async function setMembershipRole(db: Executor, tenantId: number, userId: number, role: Role) {
  await db
    .update(memberships)
    .set({ role })
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
}

export async function countMembers(db: Executor, tenantId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(eq(memberships.tenantId, tenantId));
  return row?.n ?? 0;
}

export async function findMemberByEmail(db: Executor, tenantId: number, email: string) {
  const [row] = await db
    .select({ userId: users.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tenantId), sql`lower(${users.email}) = ${email.toLowerCase()}`));
  return row;
}

export async function countOpenInvites(db: Executor, tenantId: number, now: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(invites)
    .where(
      and(
        eq(invites.tenantId, tenantId),
        isNull(invites.acceptedAt),
        isNull(invites.revokedAt),
        gt(invites.expiresAt, now),
      ),
    );
  return row?.n ?? 0;
}

/** The not-accepted, not-revoked invite for this email, expired or not. */
export async function findUnresolvedInvite(db: Executor, tenantId: number, email: string) {
  const [row] = await db
    .select()
    .from(invites)
    .where(
      and(
        eq(invites.tenantId, tenantId),
        eq(invites.email, email),
        isNull(invites.acceptedAt),
        isNull(invites.revokedAt),
      ),
    );
  return row;
}

export async function revokeInvite(db: Executor, tenantId: number, inviteId: number, now: Date) {
  await db
    .update(invites)
    .set({ revokedAt: now })
    .where(and(eq(invites.tenantId, tenantId), eq(invites.id, inviteId)));
}

export async function insertInvite(
  db: Executor,
  values: {
    tenantId: number;
    email: string;
    name: string | null;
    role: Role;
    tokenHash: string;
    invitedBy: number;
    expiresAt: Date;
  },
) {
  const [row] = await db.insert(invites).values(values).returning({ id: invites.id });
  return row!;
}

export async function findInviteByTokenHash(db: Executor, tokenHash: string) {
  const [row] = await db
    .select({
      email: invites.email,
      name: invites.name,
      role: invites.role,
      expiresAt: invites.expiresAt,
      acceptedAt: invites.acceptedAt,
      revokedAt: invites.revokedAt,
      tenantName: tenants.name,
      tenantSlug: tenants.slug,
    })
    .from(invites)
    .innerJoin(tenants, eq(tenants.id, invites.tenantId))
    .where(eq(invites.tokenHash, tokenHash));
  return row;
}

/** Invites are looked up by token across tenants: the token itself is the credential. */
export async function lockInviteByTokenHash(db: Executor, tokenHash: string) {
  const [row] = await db.select().from(invites).where(eq(invites.tokenHash, tokenHash)).for('update');
  return row;
}

export async function markInviteAccepted(
  db: Executor,
  tenantId: number,
  inviteId: number,
  userId: number,
  now: Date,
) {
  await db
    .update(invites)
    .set({ acceptedAt: now, acceptedUserId: userId })
    .where(and(eq(invites.tenantId, tenantId), eq(invites.id, inviteId)));
}

export async function supersedeStripeCredentials(db: Executor, tenantId: number, now: Date) {
  await db
    .update(stripeCredentials)
    .set({ supersededAt: now })
    .where(and(eq(stripeCredentials.tenantId, tenantId), isNull(stripeCredentials.supersededAt)));
}

export async function insertStripeCredential(
  db: Executor,
  values: {
    tenantId: number;
    stripeAccountId: string;
    publishableKey: string;
    livemode: boolean;
    createdBy: number;
  },
) {
  const [row] = await db.insert(stripeCredentials).values(values).returning({ id: stripeCredentials.id });
  return row!;
}

/** The school's staff (teachers are every member: owners and admins teach too), by name. */
export async function listMembers(db: Executor, tenantId: number) {
  return db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      avatarUrl: users.image,
      timeZone: users.timeZone,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.tenantId, tenantId))
    .orderBy(asc(users.name), asc(users.id));
}

export interface TenantRecord {
  id: number;
  slug: string;
  name: string;
  plan: PlanType;
  timeZone: string;
  logoUrl: string | null;
  stripeAccountId: string | null;
  immersioOrgId: string | null;
  /** The school's default language (issue 18): a booking made with no language asked for takes it. */
  defaultLanguage: string;
}

const TENANT_RECORD = sql`t.id, t.slug, t.name, t.plan, t.time_zone as "timeZone", t.logo_url as "logoUrl",
  t.default_language as "defaultLanguage",
  sc.stripe_account_id as "stripeAccountId", ii.immersio_org_id as "immersioOrgId"
  from tenants t
  left join stripe_credentials sc on sc.tenant_id = t.id and sc.superseded_at is null
  left join immersio_integrations ii on ii.tenant_id = t.id and ii.disconnected_at is null`;

export async function findTenantRecord(db: Executor, by: { id: number } | { slug: string }) {
  const where = 'id' in by ? sql`t.id = ${by.id}` : sql`t.slug = ${by.slug}`;
  const [row] = await queryRows<TenantRecord>(db, sql`select ${TENANT_RECORD} where ${where}`);
  return row;
}
