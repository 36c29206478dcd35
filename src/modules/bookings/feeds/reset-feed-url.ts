import type { Executor } from '../../../db/client.ts';
import { hashToken } from '../../../lib/tokens.ts';
import type { Role } from '../../tenants/roles.ts';
import { type FeedScope, feedToken, newFeedNonce } from './feed-token.ts';
import * as repo from './feed-tokens.repo.ts';
import { assertMayHaveFeed, feedUrl } from './feed-url.ts';

/** A new URL for the caller's feed; the old one answers 404 from now on. */
export async function resetFeedUrl(
  deps: { db: Executor; env: { APP_SECRET: string; PUBLIC_BASE_URL: string } },
  input: { tenantId: number; actorId: number; role: Role; scope: FeedScope },
): Promise<{ url: string }> {
  assertMayHaveFeed(input.scope, input.role);
  const nonce = newFeedNonce();
  const token = feedToken(deps.env.APP_SECRET, nonce);
  await repo.replaceFeed(
    deps.db,
    { tenantId: input.tenantId, userId: input.actorId, scope: input.scope },
    { nonce, tokenHash: hashToken(token) },
  );
  return { url: feedUrl(deps.env.PUBLIC_BASE_URL, token) };
}
