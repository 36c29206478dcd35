import { type CancelEnrolmentDeps, cancelEnrolment } from './cancel-enrolment.ts';
import { loadStudentEnrolment } from './student-enrolment.ts';

/**
 * The student cancels their enrolment through its manage link: the sessions still far enough
 * away are cancelled (each refunded its share inside its refund window), sooner and past ones
 * stay. Cancelling again answers the cancellation already made.
 */
export async function cancelEnrolmentByStudent(
  deps: CancelEnrolmentDeps,
  input: { uid: string; token: string; reason?: string | undefined },
) {
  const found = await loadStudentEnrolment(deps, input.uid, input.token);
  const { enrolment, sessions, refund } = await cancelEnrolment(deps, {
    tenantId: found.tenantId,
    enrolmentId: found.id,
    by: { kind: 'student' },
    reason: input.reason,
  });
  const { id: _id, ...shown } = enrolment;
  return { enrolment: shown, sessions, refund };
}
