import type { Actor } from '../staff-access.ts';
import { type CancelEnrolmentDeps, cancelEnrolment } from './cancel-enrolment.ts';

/**
 * Staff (an admin, or the workshop's teacher) cancel an enrolment: every session not started yet
 * is cancelled with its share refunded, as when staff cancel one booking; past sessions stay.
 */
export function cancelEnrolmentByStaff(
  deps: CancelEnrolmentDeps,
  actor: Actor & { enrolmentId: number; reason?: string | undefined },
) {
  return cancelEnrolment(deps, {
    tenantId: actor.tenantId,
    enrolmentId: actor.enrolmentId,
    by: { kind: 'staff', actor },
    reason: actor.reason,
  });
}
