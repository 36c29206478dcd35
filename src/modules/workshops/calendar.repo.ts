import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';

export interface CalendarRange {
  tenantId: number;
  /** Sessions ending after this instant. */
  from: Date;
  /** Sessions starting before this instant. */
  to: Date;
  teacherId?: number | undefined;
}

export interface CalendarSessionRow {
  id: number;
  startTime: Date | string;
  endTime: Date | string;
  timeZone: string;
  seats: number;
  bookedSeats: number;
  status: string;
  workshopId: number;
  title: string;
  workshopType: 'live_class' | 'workshop' | 'tutoring';
  workshopStatus: 'active' | 'draft' | 'archived';
  teacherId: number;
  teacherName: string;
}

/**
 * Sessions overlap the range when they start before its end and end after its start. The
 * overlap alone would scan every earlier session of the tenant; a session lasts at most 480
 * minutes (the workshop schema's limit), so one starting more than a day before `from` cannot
 * reach into the range, and that lower bound lets `(tenant_id, start_time)` be range-scanned.
 */
const LONGEST_SESSION = sql`interval '1 day'`;

/** The tenant's sessions overlapping the range with their workshop and teacher, by start time; one query. */
export async function listCalendarSessions(db: Executor, range: CalendarRange, limit: number) {
  const teacher = range.teacherId === undefined ? sql`` : sql`and et.teacher_id = ${range.teacherId}`;
  return queryRows<CalendarSessionRow>(
    db,
    sql`select s.id, s.start_time as "startTime", s.end_time as "endTime", s.time_zone as "timeZone",
               s.seats, s.booked_seats as "bookedSeats", s.status,
               w.id as "workshopId", et.title, w.workshop_type as "workshopType",
               w.status as "workshopStatus", u.id as "teacherId", u.name as "teacherName"
        from workshop_sessions s
        join workshops w on w.id = s.workshop_id and w.tenant_id = ${range.tenantId}
        join event_types et on et.id = w.event_type_id and et.tenant_id = ${range.tenantId}
        join users u on u.id = et.teacher_id
        where s.tenant_id = ${range.tenantId}
          and s.start_time < ${range.to}
          and s.start_time > ${range.from}::timestamptz - ${LONGEST_SESSION}
          and s.end_time > ${range.from}
          ${teacher}
        order by s.start_time asc, s.id asc
        limit ${limit}`,
  );
}
