import type { Executor } from '../../../db/client.ts';
import { AppError } from '../../../lib/errors.ts';
import { isManageToken } from '../manage-token.ts';
import { findEnrolmentByUid } from './enrolments.repo.ts';

/** The enrolment a manage link points at, whatever its tenant: the link carries only uid and token. */
export async function loadStudentEnrolment(
  deps: { db: Executor; env: { APP_SECRET: string } },
  uid: string,
  token: string,
) {
  const enrolment = await findEnrolmentByUid(deps.db, uid);
  // A wrong token looks exactly like a missing enrolment.
  if (!enrolment || !isManageToken(deps.env.APP_SECRET, uid, token)) {
    throw new AppError('NOT_FOUND', 'Enrolment not found');
  }
  return enrolment;
}
