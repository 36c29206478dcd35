import { and, eq, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import {
  eventTypes,
  memberships,
  users,
  whitelistEntries,
  workshopSessions,
  workshops,
} from '../../db/schema/index.ts';

export async function findTeacher(db: Executor, tenantId: number, userId: number) {
  const [row] = await db
    .select({ id: users.id, name: users.name, email: users.email, timeZone: users.timeZone })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
  return row;
}

/** Event types that count against the plan: every workshop not archived. */
export async function countLiveEventTypes(db: Executor, tenantId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(workshops)
    .where(and(eq(workshops.tenantId, tenantId), ne(workshops.status, 'archived')));
  return row?.n ?? 0;
}

export async function slugsLike(db: Executor, tenantId: number, base: string): Promise<Set<string>> {
  const rows = await db
    .select({ slug: eventTypes.slug })
    .from(eventTypes)
    .where(
      and(
        eq(eventTypes.tenantId, tenantId),
        sql`(${eventTypes.slug} = ${base} or ${eventTypes.slug} ~ ${`^${base}-[0-9]+$`})`,
      ),
    );
  return new Set(rows.map((r) => r.slug));
}

export async function insertEventType(db: Executor, values: typeof eventTypes.$inferInsert) {
  const [row] = await db.insert(eventTypes).values(values).returning({ id: eventTypes.id });
  return row!;
}

export async function insertWorkshop(db: Executor, values: typeof workshops.$inferInsert) {
  const [row] = await db
    .insert(workshops)
    .values(values)
    .returning({ id: workshops.id, createdAt: workshops.createdAt });
  return row!;
}

export async function insertSessions(db: Executor, rows: Array<typeof workshopSessions.$inferInsert>) {
  if (rows.length > 0) await db.insert(workshopSessions).values(rows);
}

export async function insertWhitelist(db: Executor, rows: Array<typeof whitelistEntries.$inferInsert>) {
  if (rows.length > 0) await db.insert(whitelistEntries).values(rows).onConflictDoNothing();
}
