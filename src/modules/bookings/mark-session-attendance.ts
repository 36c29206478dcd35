import { AppError } from '../../lib/errors.ts';
import type { Attendance } from './attendance-events.ts';
import { type MarkAttendanceDeps, markedView, NOT_STARTED, recordMarks } from './mark-attendance.ts';
import { type Actor, staffRoleOn } from './staff-access.ts';
import { findStaffSession } from './staff-bookings.repo.ts';

/**
 * Staff mark a session's bookings at once, in one statement: the listed ones, or without a list
 * every accepted booking not marked yet ("mark the rest attended" keeps the no-shows already
 * marked). A listed booking that is not an accepted booking of this session fails the whole call.
 */
export async function markSessionAttendance(
  deps: MarkAttendanceDeps,
  actor: Actor & { sessionId: number; attendance: Attendance; bookingIds?: number[] | undefined },
) {
  const now = deps.now();
  const listed = actor.bookingIds && [...new Set(actor.bookingIds)];
  const marked = await deps.db.transaction(async (tx) => {
    const session = await findStaffSession(tx, actor.tenantId, actor.sessionId);
    if (!session) throw new AppError('NOT_FOUND', 'Session not found');
    const by = staffRoleOn(actor, session.teacherId);
    if (session.status === 'cancelled') throw new AppError('CONFLICT', 'This session is cancelled');
    if (session.startTime > now) throw new AppError('CONFLICT', NOT_STARTED);
    const rows = await recordMarks(tx, actor, {
      attendance: actor.attendance,
      target: { sessionId: session.id, bookingIds: listed },
      by,
      now,
    });
    if (listed && rows.length !== listed.length) {
      throw new AppError('BOOKING_NOT_FOUND', 'A listed booking is not a confirmed booking of this session');
    }
    return rows;
  });
  if (marked.length > 0) deps.wakeOutbox();
  return { marked: marked.length, bookings: marked.map(markedView) };
}
