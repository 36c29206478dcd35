import type { Executor } from '../../db/client.ts';
import * as team from './team.repo.ts';

/** The team screen's pending invitations: open ones and expired ones that can still be resent. */
export async function listInvites(deps: { db: Executor; now: () => Date }, input: { tenantId: number }) {
  const now = deps.now();
  const rows = await team.listUnresolvedInvites(deps.db, input.tenantId);
  return {
    invites: rows.map((row) => ({
      id: row.id,
      email: row.email,
      name: row.name,
      role: row.role === 'ADMIN' ? ('ADMIN' as const) : ('MEMBER' as const),
      createdAt: row.createdAt,
      expiresAt: row.expiresAt,
      invitedBy: row.invitedBy,
      status: row.expiresAt > now ? ('open' as const) : ('expired' as const),
    })),
  };
}
