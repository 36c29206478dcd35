import { and, eq, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../../db/client.ts';
import { calendarFeedTokens } from '../../../db/schema/index.ts';
import type { FeedScope } from './feed-token.ts';

export interface FeedKey {
  tenantId: number;
  userId: number;
  scope: FeedScope;
}

/** The feed's nonce, creating the feed with `nonce` when it has none (racing callers agree on one). */
export async function ensureFeed(db: Executor, key: FeedKey, created: { nonce: string; tokenHash: string }) {
  await db
    .insert(calendarFeedTokens)
    .values({ ...key, ...created })
    .onConflictDoNothing({
      target: [calendarFeedTokens.tenantId, calendarFeedTokens.userId, calendarFeedTokens.scope],
    });
  const [row] = await db
    .select({ nonce: calendarFeedTokens.nonce })
    .from(calendarFeedTokens)
    .where(
      and(
        eq(calendarFeedTokens.tenantId, key.tenantId),
        eq(calendarFeedTokens.userId, key.userId),
        eq(calendarFeedTokens.scope, key.scope),
      ),
    );
  if (!row) throw new Error('calendar feed vanished between insert and read');
  return row.nonce;
}

/** A new nonce for the feed (created if it had none): the old URL stops working at once. */
export async function replaceFeed(db: Executor, key: FeedKey, next: { nonce: string; tokenHash: string }) {
  await db
    .insert(calendarFeedTokens)
    .values({ ...key, ...next })
    .onConflictDoUpdate({
      target: [calendarFeedTokens.tenantId, calendarFeedTokens.userId, calendarFeedTokens.scope],
      set: { nonce: next.nonce, tokenHash: next.tokenHash, createdAt: sql`now()` },
    });
}

export interface FeedOwner extends FeedKey {
  role: 'OWNER' | 'ADMIN' | 'MEMBER';
  userName: string;
  language: string;
  tenantName: string;
}

/**
 * The feed a token opens, with its owner as they are now: nothing once they have left the school.
 * Looked up by the token's hash before any tenant is known, like an API key.
 */
export async function findFeedByTokenHash(db: Executor, tokenHash: string): Promise<FeedOwner | undefined> {
  const [row] = await queryRows<FeedOwner>(
    db,
    sql`select f.tenant_id as "tenantId", f.user_id as "userId", f.scope, m.role,
               u.name as "userName", u.language, t.name as "tenantName"
        from calendar_feed_tokens f
        join memberships m on m.tenant_id = f.tenant_id and m.user_id = f.user_id
        join users u on u.id = f.user_id
        join tenants t on t.id = f.tenant_id
        where f.token_hash = ${tokenHash}
        limit 1`,
  );
  return row;
}
