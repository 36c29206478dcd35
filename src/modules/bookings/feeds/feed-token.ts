import { createHmac, randomBytes } from 'node:crypto';

/** Whose classes a feed shows: the sessions one staff member teaches, or (admins) the whole school's. */
export type FeedScope = 'teacher' | 'school';

/** A fresh nonce: a new feed, or a reset that revokes the old URL. */
export function newFeedNonce(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * The secret in a feed's URL: 256 bits of HMAC over the row's nonce, so the URL can be shown
 * again without the table holding it (the table keeps only its SHA-256; the key is APP_SECRET).
 */
export function feedToken(appSecret: string, nonce: string): string {
  return createHmac('sha256', appSecret).update(`calendar-feed:${nonce}`).digest('base64url');
}

/** `{token}.ics` as calendar apps fetch it; anything else is not a feed. */
export function tokenFromFileName(file: string): string | undefined {
  return /^([A-Za-z0-9_-]{43})\.ics$/.exec(file)?.[1];
}
