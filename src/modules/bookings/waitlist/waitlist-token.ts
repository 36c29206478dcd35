import { createHmac } from 'node:crypto';
import type { Env } from '../../../env.ts';
import { constantTimeEqual } from '../../../lib/tokens.ts';

// The secret in a waitlist entry's manage link: like a booking's (manage-token.ts), derived from
// APP_SECRET and the entry's uid, with its own purpose so neither link opens the other.

export function waitlistToken(appSecret: string, uid: string): string {
  return createHmac('sha256', appSecret).update(`waitlist-manage:${uid}`).digest('base64url');
}

export function isWaitlistToken(appSecret: string, uid: string, token: string): boolean {
  return constantTimeEqual(waitlistToken(appSecret, uid), token);
}

/** The page where the student sees their place and claims or declines an offer. */
export function waitlistUrl(env: Pick<Env, 'PUBLIC_BASE_URL'> & { APP_SECRET: string }, uid: string): string {
  return `${env.PUBLIC_BASE_URL}/waitlist/${uid}?token=${waitlistToken(env.APP_SECRET, uid)}`;
}
