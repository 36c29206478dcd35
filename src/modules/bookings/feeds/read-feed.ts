import { createHash } from 'node:crypto';
import type { Executor } from '../../../db/client.ts';
import { AppError } from '../../../lib/errors.ts';
import { readerTranslator } from '../../../lib/i18n/reader.ts';
import { hashToken } from '../../../lib/tokens.ts';
import { buildFeedIcs } from './feed-ics.ts';
import { listFeedSessions } from './feed-sessions.repo.ts';
import { findFeedByTokenHash } from './feed-tokens.repo.ts';

const DAY_MS = 86_400_000;
/** The past a feed keeps (the 30 days), the future it shows, and a bound on its size. */
export const FEED_PAST_DAYS = 30;
export const FEED_FUTURE_DAYS = 366;
export const FEED_MAX_EVENTS = 5000;

/**
 * The iCalendar a feed token opens, with a strong ETag of its bytes. A token that is unknown,
 * reset, or whose owner left the school (or, for the school-wide feed, is no longer an admin) is
 * NOT_FOUND, the same answer as a token that never existed.
 */
export async function readFeed(
  deps: { db: Executor; env: { PUBLIC_BASE_URL: string }; now: () => Date },
  token: string,
): Promise<{ body: string; etag: string }> {
  const owner = await findFeedByTokenHash(deps.db, hashToken(token));
  if (!owner || (owner.scope === 'school' && owner.role === 'MEMBER')) {
    throw new AppError('NOT_FOUND', 'No such calendar feed');
  }
  const now = deps.now().getTime();
  const sessions = await listFeedSessions(
    deps.db,
    {
      tenantId: owner.tenantId,
      teacherId: owner.scope === 'teacher' ? owner.userId : undefined,
      from: new Date(now - FEED_PAST_DAYS * DAY_MS),
      to: new Date(now + FEED_FUTURE_DAYS * DAY_MS),
    },
    FEED_MAX_EVENTS,
  );
  const tr = readerTranslator(owner.language);
  const base = deps.env.PUBLIC_BASE_URL;
  const body = buildFeedIcs(
    {
      name:
        owner.scope === 'school'
          ? tr.t('feed.name.school', { school: owner.tenantName })
          : tr.t('feed.name.teacher', { school: owner.tenantName, name: owner.userName }),
      uidHost: new URL(base).host,
      rosterUrl: (id) => new URL(`/app/sessions/${id}`, base).toString(),
      withTeacher: owner.scope === 'school',
      tr,
    },
    sessions,
  );
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"` };
}
