import { AppError } from '../../lib/errors.ts';
import {
  type HostLookup,
  publicTarget,
  type ResolvedAddress,
  systemLookup,
} from '../../lib/outbound-address.ts';

export { type HostLookup, pinnedLookup, type ResolvedAddress } from '../../lib/outbound-address.ts';

/**
 * Where a calendar feed may be fetched from. The server fetches a URL a teacher typed, so it is
 * checked like an outgoing webhook (SSRF): on save and again before every fetch (DNS can change),
 * and the fetch connects only to the addresses checked here (DNS rebinding), with the webhook
 * guard's rules (lib/outbound-address.ts).
 */

export interface FeedUrlPolicy {
  /** NODE_ENV=production: https only. */
  requireHttps: boolean;
  /** Loopback and private targets allowed (ALLOW_PRIVATE_WEBHOOK_URLS: development, tests). */
  allowPrivate: boolean;
  lookup?: HostLookup;
}

export interface CheckedFeedUrl {
  url: URL;
  /** Connect only to these; empty when the host is an IP literal or private targets are allowed. */
  addresses: ResolvedAddress[];
}

export const MAX_FEED_URL_LENGTH = 2048;

/** 400 VALIDATION_ERROR on `url`; also the text recorded as a fetch's `lastError`. */
export class FeedUrlError extends AppError {
  constructor(message: string) {
    super('VALIDATION_ERROR', `url: ${message}`, { issues: [{ path: 'url', message }] });
  }
}

/**
 * The URL as stored: `webcal://` (what calendar apps hand out) becomes https, the scheme and host
 * are checked. Throws FeedUrlError.
 */
export function normaliseFeedUrl(raw: string, policy: Pick<FeedUrlPolicy, 'requireHttps'>): URL {
  const trimmed = raw.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_FEED_URL_LENGTH) {
    throw new FeedUrlError(`must be a URL of at most ${MAX_FEED_URL_LENGTH} characters`);
  }
  let url: URL;
  try {
    url = new URL(trimmed.replace(/^webcals?:\/\//i, 'https://'));
  } catch {
    throw new FeedUrlError('is not a valid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new FeedUrlError('must be an http(s) URL');
  if (policy.requireHttps && url.protocol !== 'https:') throw new FeedUrlError('must use https');
  if (!url.hostname) throw new FeedUrlError('has no host');
  url.hash = '';
  return url;
}

/** Checks where the URL leads; every address its host resolves to must be public. */
export async function checkFeedTarget(url: URL, policy: FeedUrlPolicy): Promise<CheckedFeedUrl> {
  if (policy.requireHttps && url.protocol !== 'https:') throw new FeedUrlError('must use https');
  if (policy.allowPrivate) return { url, addresses: [] };
  const target = await publicTarget(url, policy.lookup ?? systemLookup);
  if ('problem' in target) throw new FeedUrlError(target.message);
  return { url, addresses: target.addresses };
}
