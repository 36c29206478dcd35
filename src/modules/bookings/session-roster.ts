import type { Executor } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import type { SessionRoster } from './procedures/session-roster.schema.ts';
import { isSchoolAdmin, staffRoleOn } from './staff-access.ts';
import { LISTED_STATUSES, type StaffViewer } from './staff-booking-filters.ts';
import { toStaffBooking } from './staff-booking-view.ts';
import { countStaffBookings, findStaffSession, listStaffBookings } from './staff-bookings.repo.ts';
import { lineCounts } from './waitlist/waitlist.repo.ts';

/**
 * A session has at most 100 seats; this leaves room for many cancelled rebookings. Beyond it the
 * screen says so and the CSV export has them all.
 */
export const ROSTER_LIMIT = 1000;

/** A session and its bookings, for the workshop's teacher or an admin (another tenant's: not found). */
export async function sessionRoster(
  deps: { db: Executor; now: () => Date },
  viewer: StaffViewer,
  input: { sessionId: number },
): Promise<SessionRoster> {
  const session = await findStaffSession(deps.db, viewer.tenantId, input.sessionId);
  if (!session) throw new AppError('NOT_FOUND', 'Session not found');
  staffRoleOn({ actorId: viewer.userId, role: viewer.role }, session.teacherId);
  const filters = { tenantId: viewer.tenantId, statuses: LISTED_STATUSES, sessionId: session.id };
  const [rows, totalCount, waitlist] = await Promise.all([
    listStaffBookings(deps.db, filters, 'oldest', { limit: ROSTER_LIMIT, offset: 0 }),
    countStaffBookings(deps.db, filters),
    lineCounts(deps.db, viewer.tenantId, session.id),
  ]);
  return {
    session: {
      id: session.id,
      status: session.status,
      startTime: session.startTime,
      endTime: session.endTime,
      timeZone: session.timeZone,
      seats: session.seats,
      bookedSeats: session.bookedSeats,
      workshop: {
        id: session.workshopId,
        title: session.workshopTitle,
        price: session.priceCents,
        currency: session.currency,
      },
      teacher: { id: session.teacherId, name: session.teacherName },
    },
    bookings: rows.map(toStaffBooking),
    totalCount,
    waitlist,
    permissions: {
      // Reaching here means the viewer teaches this class or runs the school.
      cancelBookings: true,
      cancelSession: session.status !== 'cancelled',
      // `booking.refund` is for admins only.
      refund: isSchoolAdmin(viewer.role),
      // Issue 17: from the session's start (see mark-attendance.ts).
      markAttendance: session.status !== 'cancelled' && session.startTime <= deps.now(),
    },
  };
}
