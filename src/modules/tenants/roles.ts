export type Role = 'OWNER' | 'ADMIN' | 'MEMBER';

export interface MembershipRow {
  tenantId: number;
  tenantSlug: string;
  tenantName: string;
  role: Role;
}

const RANK: Record<string, number> = { MEMBER: 1, ADMIN: 2, OWNER: 3 };

/**
 * What a "Sign in with Immersio" session may act as: the token's tenant only, with no more than
 * the token's role. A teacher token for the owner's e-mail acts as a MEMBER; a student token has
 * no staff rights at all. Password sessions (no grant) keep every membership.
 */
export function withinSsoGrant(
  memberships: MembershipRow[],
  ssoTenantId: number | null,
  ssoRole: string | null,
): MembershipRow[] {
  if (ssoRole === null) return memberships;
  if (!(RANK[ssoRole] ?? 0)) return [];
  return memberships
    .filter((m) => m.tenantId === ssoTenantId)
    .map((m) => ({ ...m, role: roleWithin(m.role, ssoRole) as Role }));
}

/** `role`, lowered to `ceiling` when it is above it. */
export function roleWithin(role: string, ceiling: string): string {
  return (RANK[role] ?? 0) > (RANK[ceiling] ?? 0) ? ceiling : role;
}
