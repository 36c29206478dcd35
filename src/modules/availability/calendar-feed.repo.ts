import { and, asc, eq, gt, inArray, lt, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { externalBusyTimes, teacherCalendarFeeds } from '../../db/schema/index.ts';

// Every query names the tenant in its WHERE clause, except `claimDueFeeds`, the worker's poll
// across tenants, which returns each feed with its tenant.

const f = teacherCalendarFeeds;
const b = externalBusyTimes;

export interface FeedRow {
  id: number;
  tenantId: number;
  teacherId: number;
  url: string;
  etag: string | null;
  lastModified: string | null;
  lastFetchedAt: Date | null;
  lastError: string | null;
  expandedUntil: Date | null;
  nextFetchAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

export async function findFeed(
  db: Executor,
  tenantId: number,
  teacherId: number,
): Promise<FeedRow | undefined> {
  const [row] = await db
    .select()
    .from(f)
    .where(and(eq(f.tenantId, tenantId), eq(f.teacherId, teacherId)));
  return row;
}

/** The feed row locked for the rest of the transaction (a fetch's replace, a URL change). */
export async function lockFeed(
  db: Executor,
  tenantId: number,
  teacherId: number,
): Promise<FeedRow | undefined> {
  const [row] = await db
    .select()
    .from(f)
    .where(and(eq(f.tenantId, tenantId), eq(f.teacherId, teacherId)))
    .for('update');
  return row;
}

/**
 * Sets the teacher's feed URL. A new URL forgets the old feed's validators, error and busy times
 * (they describe another calendar); the same URL again keeps them.
 */
export async function upsertFeed(
  db: Executor,
  values: { tenantId: number; teacherId: number; url: string; now: Date; nextFetchAt: Date },
): Promise<FeedRow> {
  const { now, ...fields } = values;
  const [row] = await db
    .insert(f)
    .values({ ...fields, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [f.tenantId, f.teacherId],
      set: {
        url: sql`excluded.url`,
        updatedAt: sql`excluded.updated_at`,
        nextFetchAt: sql`excluded.next_fetch_at`,
        etag: sql`case when ${f.url} = excluded.url then ${f.etag} end`,
        lastModified: sql`case when ${f.url} = excluded.url then ${f.lastModified} end`,
        lastError: sql`case when ${f.url} = excluded.url then ${f.lastError} end`,
        lastFetchedAt: sql`case when ${f.url} = excluded.url then ${f.lastFetchedAt} end`,
        expandedUntil: sql`case when ${f.url} = excluded.url then ${f.expandedUntil} end`,
      },
    })
    .returning();
  return row!;
}

export async function deleteBusyOfFeed(db: Executor, tenantId: number, feedId: number): Promise<void> {
  await db.delete(b).where(and(eq(b.tenantId, tenantId), eq(b.feedId, feedId)));
}

/** Removes the feed; its busy times go with it (foreign key, on delete cascade). */
export async function deleteFeed(db: Executor, tenantId: number, teacherId: number): Promise<boolean> {
  const rows = await db
    .delete(f)
    .where(and(eq(f.tenantId, tenantId), eq(f.teacherId, teacherId)))
    .returning({ id: f.id });
  return rows.length > 0;
}

/**
 * Claims up to `limit` feeds due for a fetch by moving their next fetch `everyMs` on, in one
 * statement; concurrent pollers (other instances) skip the rows another one is claiming.
 */
export async function claimDueFeeds(
  db: Executor,
  now: Date,
  everyMs: number,
  limit: number,
): Promise<Array<{ tenantId: number; teacherId: number }>> {
  const due = db
    .select({ id: f.id })
    .from(f)
    .where(lte(f.nextFetchAt, now))
    .orderBy(asc(f.nextFetchAt))
    .limit(limit)
    .for('update', { skipLocked: true });
  return db
    .update(f)
    .set({ nextFetchAt: new Date(now.getTime() + everyMs) })
    .where(inArray(f.id, due))
    .returning({ tenantId: f.tenantId, teacherId: f.teacherId });
}

/** A fetch answered 304: the stored busy times still describe the feed. */
// Both record only while the feed still has the URL that was fetched: an answer from the old URL
// says nothing about a new one.
export async function recordNotModified(
  db: Executor,
  tenantId: number,
  feedId: number,
  url: string,
  now: Date,
) {
  await db
    .update(f)
    .set({ lastFetchedAt: now, lastError: null })
    .where(and(eq(f.tenantId, tenantId), eq(f.id, feedId), eq(f.url, url)));
}

export async function recordFailure(
  db: Executor,
  tenantId: number,
  feedId: number,
  url: string,
  error: string,
) {
  await db
    .update(f)
    .set({ lastError: error.slice(0, 500) })
    .where(and(eq(f.tenantId, tenantId), eq(f.id, feedId), eq(f.url, url)));
}

/** Replaces the feed's busy times and records the fetch; run in one transaction under `lockFeed`. */
export async function replaceBusy(
  db: Executor,
  feed: Pick<FeedRow, 'id' | 'tenantId' | 'teacherId'>,
  busy: ReadonlyArray<{ start: Date; end: Date }>,
  fetched: { now: Date; expandedUntil: Date; etag: string | null; lastModified: string | null },
) {
  await deleteBusyOfFeed(db, feed.tenantId, feed.id);
  // Chunked: one statement's parameters are capped at 65535.
  for (let i = 0; i < busy.length; i += 1000) {
    await db.insert(b).values(
      busy.slice(i, i + 1000).map((entry) => ({
        tenantId: feed.tenantId,
        teacherId: feed.teacherId,
        feedId: feed.id,
        startTime: entry.start,
        endTime: entry.end,
      })),
    );
  }
  await db
    .update(f)
    .set({
      lastFetchedAt: fetched.now,
      lastError: null,
      etag: fetched.etag,
      lastModified: fetched.lastModified,
      expandedUntil: fetched.expandedUntil,
    })
    .where(and(eq(f.tenantId, feed.tenantId), eq(f.id, feed.id)));
}

/** The teacher's external busy times overlapping [from, to), by start. */
export async function busyBetween(
  db: Executor,
  input: { tenantId: number; teacherId: number; from: Date; to: Date },
): Promise<Array<{ start: Date; end: Date }>> {
  return db
    .select({ start: b.startTime, end: b.endTime })
    .from(b)
    .where(
      and(
        eq(b.tenantId, input.tenantId),
        eq(b.teacherId, input.teacherId),
        lt(b.startTime, input.to),
        gt(b.endTime, input.from),
      ),
    )
    .orderBy(asc(b.startTime));
}
