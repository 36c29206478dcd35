import type { Database, Executor } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import { WEBHOOK_KIND } from '../outbox/webhook-event.ts';
import { findTenant } from '../tenants/tenant-lookup.ts';
import {
  type AttendanceTarget,
  findAttendanceBooking,
  markAttendance,
  writeAttendanceEvents,
} from './attendance.repo.ts';
import { type Attendance, attendanceMarkedEvent, type MarkedBooking } from './attendance-events.ts';
import { type Actor, type StaffRole, staffRoleOn } from './staff-access.ts';

export interface MarkAttendanceDeps {
  db: Database;
  now: () => Date;
  wakeOutbox: () => void;
}

export const NOT_STARTED = 'Attendance can be marked once the session has started';

/** The marks and their ATTENDANCE_MARKED events, written together (part of the caller's transaction). */
export async function recordMarks(
  tx: Executor,
  actor: Actor,
  input: { attendance: Attendance; target: AttendanceTarget; by: StaffRole; now: Date },
): Promise<MarkedBooking[]> {
  const marked = await markAttendance(tx, {
    tenantId: actor.tenantId,
    actorId: actor.actorId,
    attendance: input.attendance,
    now: input.now,
    target: input.target,
  });
  if (marked.length === 0) return marked;
  const tenant = (await findTenant(tx, { id: actor.tenantId }))!;
  await writeAttendanceEvents(
    tx,
    actor.tenantId,
    marked.map((booking) => ({
      kind: WEBHOOK_KIND,
      payload: attendanceMarkedEvent({ tenant, booking, markedBy: input.by }),
    })),
  );
  return marked;
}

export const markedView = (b: MarkedBooking) => ({
  id: b.id,
  uid: b.uid,
  attendance: b.attendance,
  attendanceMarkedAt: b.attendanceMarkedAt,
});

/**
 * Staff mark one booking attended or no-show: an accepted booking of a class they teach (or any,
 * as an admin), from its start on. Marking again replaces the mark and sends the event again.
 */
export async function markBookingAttendance(
  deps: MarkAttendanceDeps,
  actor: Actor & { bookingId: number; attendance: Attendance },
) {
  const now = deps.now();
  const [marked] = await deps.db.transaction(async (tx) => {
    const booking = await findAttendanceBooking(tx, actor.tenantId, actor.bookingId);
    if (!booking) throw new AppError('BOOKING_NOT_FOUND');
    const by = staffRoleOn(actor, booking.teacherId);
    if (booking.status !== 'accepted') {
      throw new AppError('CONFLICT', `Only a confirmed booking can be marked; this one is ${booking.status}`);
    }
    if (booking.startTime > now) throw new AppError('CONFLICT', NOT_STARTED);
    const rows = await recordMarks(tx, actor, {
      attendance: actor.attendance,
      target: { bookingIds: [actor.bookingId] },
      by,
      now,
    });
    // The statement re-checks both conditions: a cancellation may have committed in between.
    if (rows.length === 0) throw new AppError('CONFLICT', 'This booking changed meanwhile; reload it');
    return rows;
  });
  deps.wakeOutbox();
  return { booking: markedView(marked!) };
}
