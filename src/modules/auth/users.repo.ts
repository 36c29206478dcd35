import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { accounts, sessions, users } from '../../db/schema/index.ts';

export async function findUserByEmail(db: Executor, email: string) {
  const [row] = await db.select().from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  return row;
}

export async function insertUser(db: Executor, values: { email: string; name: string; timeZone?: string }) {
  const [row] = await db
    .insert(users)
    .values({ ...values, email: values.email.toLowerCase() })
    .returning();
  return row!;
}

export async function findCredentialAccount(db: Executor, userId: number) {
  const [row] = await db
    .select()
    .from(accounts)
    .where(and(eq(accounts.userId, userId), eq(accounts.providerId, 'credential')));
  return row;
}

/** The row better-auth's email/password sign-in reads: provider `credential`, scrypt hash. */
export async function insertCredentialAccount(db: Executor, userId: number, passwordHash: string) {
  await db
    .insert(accounts)
    .values({ userId, accountId: String(userId), providerId: 'credential', password: passwordHash });
}

export async function setSessionActiveTenant(db: Executor, sessionId: number, tenantId: number) {
  await db
    .update(sessions)
    .set({ activeTenantId: tenantId, updatedAt: new Date() })
    .where(eq(sessions.id, sessionId));
}

export async function setSessionActiveTenantByToken(db: Executor, token: string, tenantId: number) {
  await db.update(sessions).set({ activeTenantId: tenantId }).where(eq(sessions.token, token));
}
