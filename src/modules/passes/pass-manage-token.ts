import { createHmac } from 'node:crypto';
import type { Env } from '../../env.ts';
import { constantTimeEqual } from '../../lib/tokens.ts';

/**
 * The secret in a pass's manage link, derived from APP_SECRET and the pass's uid as a booking's
 * is (bookings/manage-token.ts), with its own label so one link never opens the other.
 */
export function passManageToken(appSecret: string, uid: string): string {
  return createHmac('sha256', appSecret).update(`pass-manage:${uid}`).digest('base64url');
}

export function isPassManageToken(appSecret: string, uid: string, token: string): boolean {
  return constantTimeEqual(passManageToken(appSecret, uid), token);
}

/** The pass's page: its balance and history (src/modules/web/pass-pages.ts). */
export function passManageUrl(
  env: Pick<Env, 'PUBLIC_BASE_URL'> & { APP_SECRET: string },
  uid: string,
): string {
  return `${env.PUBLIC_BASE_URL}/passes/${uid}?token=${passManageToken(env.APP_SECRET, uid)}`;
}
