import * as repo from './calendar-feed.repo.ts';
import {
  CALENDAR_FEED_POLL_EVERY_MS,
  type CalendarFeedDeps,
  enqueueCalendarFeedFetch,
  feedUrlPolicy,
} from './calendar-feed-job.ts';
import { checkFeedTarget, normaliseFeedUrl } from './calendar-feed-url.ts';
import type { CalendarFeedInput, SetCalendarFeedInput } from './procedures/calendar-feed.schema.ts';
import { type Actor, resolveTeacher } from './schedule-access.ts';

// A teacher's external calendar (issue 14): an ICS feed whose busy times block their slots. The
// access rules are the schedules': OWNER and ADMIN manage anyone's in the school, a MEMBER their own.

type Deps = Pick<CalendarFeedDeps, 'db' | 'now' | 'env' | 'lookup'>;

export async function getCalendarFeed(deps: Pick<Deps, 'db'>, input: CalendarFeedInput & Actor) {
  const teacher = await resolveTeacher(deps, input, input.teacherId);
  const feed = await repo.findFeed(deps.db, input.tenantId, teacher.id);
  return { teacher, feed: feed ? feedView(feed) : null };
}

/**
 * Sets (or with `url: null` removes, with its busy times) the teacher's feed. A URL is checked
 * like a webhook target (http(s), https only in production, no private address) and fetched at
 * once by the worker. A different URL drops the old calendar's busy times now; the same URL again
 * keeps them and fetches it again.
 */
export async function setCalendarFeed(deps: Deps, input: SetCalendarFeedInput & Actor) {
  const teacher = await resolveTeacher(deps, input, input.teacherId);
  if (input.url === null) {
    await repo.deleteFeed(deps.db, input.tenantId, teacher.id);
    return { teacher, feed: null };
  }
  const policy = feedUrlPolicy(deps);
  const url = normaliseFeedUrl(input.url, policy);
  await checkFeedTarget(url, policy);
  const now = deps.now();
  const feed = await deps.db.transaction(async (tx) => {
    const previous = await repo.lockFeed(tx, input.tenantId, teacher.id);
    const row = await repo.upsertFeed(tx, {
      tenantId: input.tenantId,
      teacherId: teacher.id,
      url: url.href,
      now,
      // The fetch queued below is this round's; the poller takes over after it.
      nextFetchAt: new Date(now.getTime() + CALENDAR_FEED_POLL_EVERY_MS),
    });
    if (previous && previous.url !== row.url) await repo.deleteBusyOfFeed(tx, input.tenantId, row.id);
    await enqueueCalendarFeedFetch(tx, input.tenantId, teacher.id);
    return row;
  });
  return { teacher, feed: feedView(feed) };
}

function feedView(feed: repo.FeedRow) {
  return {
    url: feed.url,
    lastFetchedAt: feed.lastFetchedAt,
    lastError: feed.lastError,
    nextFetchAt: feed.nextFetchAt,
    createdAt: feed.createdAt,
    updatedAt: feed.updatedAt,
  };
}
