import { manageToken } from '../manage-token.ts';

// An enrolment's id and manage link. The uid doubles as the `series_uid` of its bookings, and its
// prefix is what tells an enrolment's bookings from a recurring slot series' (`series_…`).

export const ENROLMENT_UID_PREFIX = 'enrolment_';

export function isEnrolmentUid(uid: string | null | undefined): uid is string {
  return typeof uid === 'string' && uid.startsWith(ENROLMENT_UID_PREFIX);
}

/**
 * `PUBLIC_BASE_URL/enrolments/<uid>?token=…`: the one link a student manages the whole enrolment
 * with. The token is the booking manage link's HMAC over the enrolment's uid (a different uid, so
 * neither link opens the other).
 */
export function enrolmentManageUrl(
  env: { APP_SECRET: string; PUBLIC_BASE_URL: string },
  uid: string,
): string {
  return `${env.PUBLIC_BASE_URL}/enrolments/${uid}?token=${manageToken(env.APP_SECRET, uid)}`;
}
