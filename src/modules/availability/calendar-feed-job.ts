import { z } from 'zod';
import type { Database, Executor } from '../../db/client.ts';
import type { Env } from '../../env.ts';
import { dbId } from '../../lib/boundary.schema.ts';
import type { CacheBus } from '../../lib/cache-bus.ts';
import type { Logger } from '../../lib/logger.ts';
import { enqueueJob } from '../outbox/enqueue.ts';
import { defineJob } from '../outbox/job-definition.ts';
import { findDefaultSchedule } from './availability.repo.ts';
import * as repo from './calendar-feed.repo.ts';
import { FeedFetchError, type FeedValidators, fetchFeed } from './calendar-feed-fetch.ts';
import { busyTimesFromIcs, FEED_HORIZON_DAYS, FeedParseError } from './calendar-feed-parse.ts';
import { FeedUrlError, type FeedUrlPolicy, type HostLookup } from './calendar-feed-url.ts';

// Teachers' calendar feeds are fetched by the outbox worker: one job per fetch, queued when a URL
// is set and, for every feed, every CALENDAR_FEED_POLL_EVERY_MS by the poller app.ts runs on each
// instance (a feed is claimed by one instance per round, see `claimDueFeeds`).

export const CALENDAR_FEED_FETCH_KIND = 'availability.calendar-feed-fetch';
export const CALENDAR_FEED_POLL_EVERY_MS = 15 * 60_000;
/** How often each instance looks for due feeds; a feed is fetched at most once per poll period. */
export const CALENDAR_FEED_POLL_TICK_MS = 60_000;
/** Feeds claimed per tick and instance; the rest are due at the next tick. */
const CLAIM_LIMIT = 500;
const DAY_MS = 86_400_000;

export interface CalendarFeedDeps {
  db: Database;
  now: () => Date;
  logger: Logger;
  env: Pick<Env, 'NODE_ENV' | 'ALLOW_PRIVATE_WEBHOOK_URLS'>;
  /** Resolver, for tests; the system's otherwise. */
  lookup?: HostLookup;
  /** Tells every instance the teacher's free times changed (cached slot answers). */
  bus?: Pick<CacheBus, 'publish'>;
}

/** Where feeds may be fetched from: https only in production, no private targets unless allowed. */
export function feedUrlPolicy(deps: Pick<CalendarFeedDeps, 'env' | 'lookup'>): FeedUrlPolicy {
  return {
    requireHttps: deps.env.NODE_ENV === 'production',
    allowPrivate: deps.env.ALLOW_PRIVATE_WEBHOOK_URLS,
    ...(deps.lookup && { lookup: deps.lookup }),
  };
}

const payloadSchema = z.object({ teacherId: dbId() });

class MissingTenantError extends Error {
  readonly permanent = true;
}

export const calendarFeedFetchJob = defineJob({
  kind: CALENDAR_FEED_FETCH_KIND,
  payload: payloadSchema,
  handle: (payload, ctx, deps: CalendarFeedDeps) => {
    if (ctx.tenantId === null) throw new MissingTenantError('calendar feed job without a tenant');
    return refreshCalendarFeed(deps, ctx.tenantId, payload.teacherId).then(() => undefined);
  },
  // A feed that fails is tried again by the next poll; retries here are for database trouble.
  maxAttempts: 3,
});

/** Queues a fetch of the teacher's feed, in the caller's transaction. */
export function enqueueCalendarFeedFetch(tx: Executor, tenantId: number, teacherId: number): Promise<number> {
  return enqueueJob(tx, calendarFeedFetchJob, { teacherId }, { tenantId });
}

/** One poll round: claims the feeds that are due and queues a fetch of each. Returns how many. */
export async function queueDueCalendarFeeds(deps: Pick<CalendarFeedDeps, 'db' | 'now'>): Promise<number> {
  return deps.db.transaction(async (tx) => {
    const due = await repo.claimDueFeeds(tx, deps.now(), CALENDAR_FEED_POLL_EVERY_MS, CLAIM_LIMIT);
    for (const feed of due) await enqueueCalendarFeedFetch(tx, feed.tenantId, feed.teacherId);
    return due.length;
  });
}

export type RefreshOutcome = 'gone' | 'not-modified' | 'replaced' | 'failed' | 'superseded';

/**
 * Fetches the teacher's feed and replaces their busy times with what it says for the next
 * FEED_HORIZON_DAYS, in one transaction. A fetch or parse failure records `lastError` and keeps
 * the busy times the feed had; it is tried again at the next poll.
 */
export async function refreshCalendarFeed(
  deps: CalendarFeedDeps,
  tenantId: number,
  teacherId: number,
): Promise<RefreshOutcome> {
  const feed = await repo.findFeed(deps.db, tenantId, teacherId);
  if (!feed) return 'gone';
  const now = deps.now();
  const horizon = new Date(now.getTime() + FEED_HORIZON_DAYS * DAY_MS);
  // A 304 keeps the stored expansion, whose window ends where it ended: once it falls a day
  // short of the horizon, fetch the whole feed again so recurring events reach far enough.
  const fresh = feed.expandedUntil !== null && feed.expandedUntil.getTime() >= horizon.getTime() - DAY_MS;
  const validators: FeedValidators | null = fresh
    ? { etag: feed.etag, lastModified: feed.lastModified }
    : null;
  const log = deps.logger.child({ component: 'calendar-feed', tenantId, teacherId, feedId: feed.id });
  try {
    const result = await fetchFeed(new URL(feed.url), { ...feedUrlPolicy(deps), validators });
    if (result.status === 'not-modified') {
      await repo.recordNotModified(deps.db, tenantId, feed.id, feed.url, now);
      return 'not-modified';
    }
    const zone = (await findDefaultSchedule(deps.db, tenantId, teacherId))?.timeZone ?? 'UTC';
    const busy = busyTimesFromIcs(result.body, { from: now, to: horizon, floatingZone: zone });
    const outcome = await deps.db.transaction(async (tx) => {
      const locked = await repo.lockFeed(tx, tenantId, teacherId);
      // Removed or pointed elsewhere while fetching: this answer describes no feed of theirs now.
      if (!locked || locked.id !== feed.id || locked.url !== feed.url) return 'superseded' as const;
      await repo.replaceBusy(tx, locked, busy, { now, expandedUntil: horizon, ...result.validators });
      log.debug({ busy: busy.length }, 'calendar feed fetched');
      return 'replaced' as const;
    });
    // The feed changed (a 304 would have said otherwise): slot answers cached anywhere are stale.
    if (outcome === 'replaced') await deps.bus?.publish({ type: 'seats', tenantId });
    return outcome;
  } catch (error) {
    if (
      !(error instanceof FeedFetchError || error instanceof FeedParseError || error instanceof FeedUrlError)
    ) {
      throw error;
    }
    const message = error instanceof FeedUrlError ? error.message.replace(/^url: /, 'URL ') : error.message;
    await repo.recordFailure(deps.db, tenantId, feed.id, feed.url, message);
    log.warn({ reason: message }, 'calendar feed fetch failed; keeping its last busy times');
    return 'failed';
  }
}
