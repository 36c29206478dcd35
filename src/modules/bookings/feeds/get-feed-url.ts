import type { Executor } from '../../../db/client.ts';
import { hashToken } from '../../../lib/tokens.ts';
import type { Role } from '../../tenants/roles.ts';
import { type FeedScope, feedToken, newFeedNonce } from './feed-token.ts';
import * as repo from './feed-tokens.repo.ts';
import { assertMayHaveFeed, feedUrl } from './feed-url.ts';

/** The caller's private feed URL, made on first ask and the same on every ask until a reset. */
export async function getFeedUrl(
  deps: { db: Executor; env: { APP_SECRET: string; PUBLIC_BASE_URL: string } },
  input: { tenantId: number; actorId: number; role: Role; scope: FeedScope },
): Promise<{ url: string }> {
  assertMayHaveFeed(input.scope, input.role);
  const fresh = newFeedNonce();
  const key = { tenantId: input.tenantId, userId: input.actorId, scope: input.scope };
  const nonce = await repo.ensureFeed(deps.db, key, {
    nonce: fresh,
    tokenHash: hashToken(feedToken(deps.env.APP_SECRET, fresh)),
  });
  return { url: feedUrl(deps.env.PUBLIC_BASE_URL, feedToken(deps.env.APP_SECRET, nonce)) };
}
