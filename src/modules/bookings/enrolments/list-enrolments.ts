import type { Executor } from '../../../db/client.ts';
import { AppError } from '../../../lib/errors.ts';
import { workshopTeacher } from '../../workshops/workshop-teacher.ts';
import { staffRoleOn } from '../staff-access.ts';
import type { StaffViewer } from '../staff-booking-filters.ts';
import { enrolmentStatus } from './enrolment-status.ts';
import { listWorkshopEnrolments } from './enrolments.repo.ts';
import type { StaffEnrolment } from './procedures/list-enrolments.schema.ts';

/** The newest enrolments a workshop's list shows; a course rarely has more students than this. */
export const ENROLMENT_LIST_LIMIT = 500;

/**
 * A workshop's enrolments, newest first, for its teacher or an admin (another teacher's:
 * FORBIDDEN; another tenant's workshop: not found).
 */
export async function listEnrolments(
  deps: { db: Executor; now: () => Date },
  viewer: StaffViewer,
  input: { workshopId: number },
): Promise<{ enrolments: StaffEnrolment[]; truncated: boolean }> {
  const workshop = await workshopTeacher(deps.db, viewer.tenantId, input.workshopId);
  if (!workshop) throw new AppError('WORKSHOP_NOT_FOUND');
  staffRoleOn({ actorId: viewer.userId, role: viewer.role }, workshop.teacherId);
  const rows = await listWorkshopEnrolments(
    deps.db,
    viewer.tenantId,
    input.workshopId,
    deps.now(),
    ENROLMENT_LIST_LIMIT + 1,
  );
  return {
    enrolments: rows.slice(0, ENROLMENT_LIST_LIMIT).map((row) => ({
      id: row.id,
      uid: row.uid,
      status: enrolmentStatus(row.cancelledAt, row),
      attendee: { name: row.attendeeName, email: row.attendeeEmail, timeZone: row.attendeeTimeZone },
      immersioStudentId: row.immersioStudentId,
      sessionCount: row.sessionCount,
      courseSessions: row.courseSessions,
      sessions: {
        pending: row.pending,
        accepted: row.accepted,
        cancelled: row.cancelled,
        upcoming: row.upcoming,
      },
      firstStart: row.firstStart,
      lastStart: row.lastStart,
      amount: row.amountCents,
      currency: row.currency,
      coursePrice: row.coursePriceCents,
      paid: row.paid,
      refunded: row.refundedCents,
      createdAt: row.createdAt,
      cancellation:
        row.cancelledAt === null
          ? null
          : { cancelledAt: row.cancelledAt, cancelledBy: row.cancelledBy, reason: row.cancellationReason },
    })),
    truncated: rows.length > ENROLMENT_LIST_LIMIT,
  };
}
