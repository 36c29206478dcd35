import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import { type RawRow, toDate } from '../../db/rows.ts';
import { outbox } from '../../db/schema/outbox.ts';
import type { Attendance, MarkedBooking } from './attendance-events.ts';

// Staff's attendance marks (issue 17): one conditional update per call, whether it marks one
// booking or a whole session, so a booking cancelled meanwhile or a class not started yet is
// never marked whatever order requests arrive in.

/** A booking with what deciding on its mark needs; undefined when it is not this tenant's. */
export async function findAttendanceBooking(db: Executor, tenantId: number, bookingId: number) {
  const [row] = await queryRows<{ status: string; startTime: Date | string; teacherId: number }>(
    db,
    sql`select b.status, b.start_time as "startTime", et.teacher_id as "teacherId"
        from bookings b
        join workshops w on w.id = b.workshop_id and w.tenant_id = ${tenantId}
        join event_types et on et.id = w.event_type_id and et.tenant_id = ${tenantId}
        where b.tenant_id = ${tenantId} and b.id = ${bookingId}`,
  );
  return row && { ...row, startTime: toDate(row.startTime) };
}

export type AttendanceTarget =
  | { bookingIds: number[] }
  /** The session's bookings: those listed, or else every one not marked yet. */
  | { sessionId: number; bookingIds?: number[] | undefined };

function targetWhere(target: AttendanceTarget): SQL {
  const ids = target.bookingIds && sql`b.id = any(${`{${target.bookingIds.join(',')}}`}::int[])`;
  if (!('sessionId' in target)) return ids!;
  return sql`b.session_id = ${target.sessionId} and ${ids ?? sql`b.attendance is null`}`;
}

/**
 * Marks the target's accepted bookings that have started by `now`, in one statement, and
 * returns them as marked (a mark given again replaces the last one, and is sent again).
 */
export async function markAttendance(
  db: Executor,
  input: { tenantId: number; actorId: number; attendance: Attendance; now: Date; target: AttendanceTarget },
): Promise<MarkedBooking[]> {
  const { tenantId, now } = input;
  const rows = await queryRows<RawRow<MarkedBooking>>(
    db,
    sql`update bookings b
        set attendance = ${input.attendance}::booking_attendance, attendance_marked_at = ${now},
            attendance_marked_by = ${input.actorId}, updated_at = ${now}
        from workshops w
        where w.id = b.workshop_id and w.tenant_id = ${tenantId}
          and b.tenant_id = ${tenantId} and ${targetWhere(input.target)}
          and b.status = 'accepted' and b.start_time <= ${now}
        returning b.id, b.uid, b.workshop_id as "workshopId", w.event_type_id as "eventTypeId",
                  w.immersio_course_id as "immersioCourseId", b.session_id as "sessionId",
                  b.start_time as "startTime", b.end_time as "endTime", b.attendance,
                  b.attendance_marked_at as "attendanceMarkedAt", b.attendee_email as "attendeeEmail",
                  b.attendee_name as "attendeeName", b.attendee_time_zone as "attendeeTimeZone",
                  b.immersio_student_id as "immersioStudentId", b.series_uid as "seriesUid"`,
  );
  return rows
    .map((row) => ({
      ...row,
      startTime: toDate(row.startTime),
      endTime: toDate(row.endTime),
      attendanceMarkedAt: toDate(row.attendanceMarkedAt),
    }))
    .sort((x, y) => x.id - y.id);
}

/** The marks' webhook events, in one insert in the marking transaction. */
export async function writeAttendanceEvents(
  db: Executor,
  tenantId: number,
  messages: { kind: string; payload: unknown }[],
) {
  if (messages.length === 0) return;
  await db.insert(outbox).values(messages.map((m) => ({ kind: m.kind, tenantId, payload: m.payload })));
}
