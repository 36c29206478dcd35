import { createHmac } from 'node:crypto';
import { constantTimeEqual } from '../../lib/tokens.ts';

/**
 * The secret in a booking's manage link. Derived from APP_SECRET and the booking's uid rather
 * than stored, so every e-mail about the booking (sent whenever) can carry the same link, and a
 * database dump alone cannot forge one. Rotating APP_SECRET invalidates old links.
 */
export function manageToken(appSecret: string, uid: string): string {
  return createHmac('sha256', appSecret).update(`booking-manage:${uid}`).digest('base64url');
}

export function isManageToken(appSecret: string, uid: string, token: string): boolean {
  return constantTimeEqual(manageToken(appSecret, uid), token);
}
