import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { memberships } from '../../db/schema/index.ts';

/** A member's e-mail settings in one school (issue 17); undefined when not a member there. */
export async function findMemberNotifications(db: Executor, tenantId: number, userId: number) {
  const [row] = await db
    .select({ dailyDigest: memberships.dailyDigest })
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
  return row;
}

/** Sets them; undefined when the membership is gone (removed meanwhile). */
export async function updateMemberNotifications(
  db: Executor,
  tenantId: number,
  userId: number,
  values: { dailyDigest: boolean },
) {
  const [row] = await db
    .update(memberships)
    .set({ dailyDigest: values.dailyDigest })
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)))
    .returning({ dailyDigest: memberships.dailyDigest });
  return row;
}
