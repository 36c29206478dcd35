import { AppError } from '../../lib/errors.ts';

// Who a public booking is for on Immersio's side: the rule the booking API and the workshop page's
// form both apply before calling the bookings service.

const SSO_HINT =
  'The Immersio student id comes from "Sign in with Immersio" (GET /api/v1/oauth/immersio/start), ' +
  'never from the request body';

/**
 * Whose booking this is on Immersio's side. Only a "Sign in with Immersio" session of the
 * booking's tenant vouches for a student id (which can satisfy a whitelist by itself); an id in
 * the body is accepted only as a repetition of that session's.
 */
export function bookingStudent(
  claimed: string | undefined,
  student: { studentId: string } | null,
): { immersioStudentId?: string; registrationSource: 'immersio' | 'public' } {
  if (student) {
    if (claimed !== undefined && claimed !== student.studentId) {
      throw new AppError(
        'FORBIDDEN',
        `immersioStudentId does not match the signed-in Immersio student; leave it out (${SSO_HINT})`,
      );
    }
    return { immersioStudentId: student.studentId, registrationSource: 'immersio' };
  }
  if (claimed !== undefined) {
    throw new AppError(
      'FORBIDDEN',
      `${SSO_HINT}: sign in as the student for this school, or leave immersioStudentId out`,
    );
  }
  return { registrationSource: 'public' };
}
