import http from 'node:http';
import https from 'node:https';
import {
  checkFeedTarget,
  type FeedUrlPolicy,
  pinnedLookup,
  type ResolvedAddress,
} from './calendar-feed-url.ts';

/** The whole fetch (connect, redirects, body) must finish within this. */
export const FEED_TIMEOUT_MS = 15_000;
/** A larger answer is cut off and the fetch fails: a teacher's calendar is far smaller. */
export const FEED_MAX_BYTES = 5 * 1024 * 1024;
const MAX_REDIRECTS = 3;

export interface FeedValidators {
  etag: string | null;
  lastModified: string | null;
}

export type FeedFetchResult =
  | { status: 'not-modified' }
  | { status: 'ok'; body: string; validators: FeedValidators };

export class FeedFetchError extends Error {
  override name = 'FeedFetchError';
}

export interface FeedFetchOptions extends FeedUrlPolicy {
  /** Sent as If-None-Match / If-Modified-Since; null for an unconditional request. */
  validators: FeedValidators | null;
  timeoutMs?: number;
  maxBytes?: number;
}

/**
 * GETs a calendar feed. Every hop (redirects included) is checked against the URL policy and
 * connected to the addresses that check resolved. Throws FeedFetchError for anything but a 2xx
 * with a body within the cap, or a 304.
 */
export async function fetchFeed(url: URL, options: FeedFetchOptions): Promise<FeedFetchResult> {
  const timeoutMs = options.timeoutMs ?? FEED_TIMEOUT_MS;
  const signal = AbortSignal.timeout(timeoutMs);
  let target = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const checked = await checkFeedTarget(target, options);
    const answer = await request(checked.url, checked.addresses, options, signal).catch((error: unknown) => {
      if (signal.aborted) throw new FeedFetchError(`no complete answer within ${timeoutMs / 1000} s`);
      throw error instanceof FeedFetchError
        ? error
        : new FeedFetchError(`request failed: ${(error as Error).message}`);
    });
    if (answer.kind === 'redirect') {
      target = new URL(answer.location, target);
      continue;
    }
    return answer.result;
  }
  throw new FeedFetchError(`more than ${MAX_REDIRECTS} redirects`);
}

type Answer = { kind: 'redirect'; location: string } | { kind: 'done'; result: FeedFetchResult };

function request(
  url: URL,
  addresses: ResolvedAddress[],
  options: FeedFetchOptions,
  signal: AbortSignal,
): Promise<Answer> {
  const maxBytes = options.maxBytes ?? FEED_MAX_BYTES;
  const headers: Record<string, string> = {
    accept: 'text/calendar, text/plain;q=0.5, */*;q=0.1',
    'user-agent': 'ImmersioBooking-CalendarFeed/1',
  };
  if (options.validators?.etag) headers['if-none-match'] = options.validators.etag;
  if (options.validators?.lastModified) headers['if-modified-since'] = options.validators.lastModified;
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<Answer>((resolve, reject) => {
    const req = client.get(
      url,
      {
        headers,
        signal,
        ...(addresses.length > 0 && { lookup: pinnedLookup(addresses) as never }),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400 && status !== 304) {
          res.resume();
          const location = res.headers.location;
          if (!location) return reject(new FeedFetchError(`HTTP ${status} without a Location`));
          return resolve({ kind: 'redirect', location });
        }
        if (status === 304) {
          res.resume();
          return resolve({ kind: 'done', result: { status: 'not-modified' } });
        }
        if (status < 200 || status >= 300) {
          res.resume();
          return reject(new FeedFetchError(`HTTP ${status}`));
        }
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBytes) {
          res.destroy();
          return reject(new FeedFetchError(`larger than ${maxBytes} bytes`));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            res.destroy();
            reject(new FeedFetchError(`larger than ${maxBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        res.on('error', reject);
        // A connection cut mid-body (or the timeout) must not pass for a complete, shorter feed.
        res.on('close', () => {
          if (!res.complete)
            reject(new FeedFetchError('the connection closed before the answer was complete'));
        });
        res.on('end', () => {
          if (size > maxBytes) return;
          resolve({
            kind: 'done',
            result: {
              status: 'ok',
              body: Buffer.concat(chunks).toString('utf8'),
              validators: {
                etag: headerValue(res.headers.etag),
                lastModified: headerValue(res.headers['last-modified']),
              },
            },
          });
        });
      },
    );
    req.on('error', reject);
  });
}

function headerValue(value: string | string[] | undefined): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  return first && first.length <= 512 ? first : null;
}
