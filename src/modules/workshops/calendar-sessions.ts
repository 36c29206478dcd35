import type { Executor } from '../../db/client.ts';
import type { Role } from '../tenants/roles.ts';
import * as repo from './calendar.repo.ts';
import {
  type CalendarSessionsInput,
  type CalendarSessionsOutput,
  MAX_CALENDAR_SESSIONS,
} from './procedures/calendar-sessions.schema.ts';

// Raw SQL rows bring timestamps as strings on node-postgres and Dates on PGlite.
const instant = (value: Date | string) => new Date(value);

/**
 * The school's sessions overlapping [from, to) for the staff calendar. Admins see every
 * teacher's (or one teacher's, with `teacherId`); a MEMBER sees only the sessions they teach,
 * whatever `teacherId` they send. A teacher of another school simply matches nothing.
 */
export async function calendarSessions(
  deps: { db: Executor },
  input: CalendarSessionsInput & { tenantId: number; actorId: number; role: Role },
): Promise<CalendarSessionsOutput> {
  const teacherId = input.role === 'MEMBER' ? input.actorId : input.teacherId;
  const rows = await repo.listCalendarSessions(
    deps.db,
    { tenantId: input.tenantId, from: input.from, to: input.to, teacherId },
    MAX_CALENDAR_SESSIONS + 1,
  );
  return {
    sessions: rows.slice(0, MAX_CALENDAR_SESSIONS).map((row) => ({
      id: row.id,
      startTime: instant(row.startTime),
      endTime: instant(row.endTime),
      timeZone: row.timeZone,
      seats: row.seats,
      bookedSeats: row.bookedSeats,
      status: row.status,
      workshop: { id: row.workshopId, title: row.title, type: row.workshopType, status: row.workshopStatus },
      teacher: { id: row.teacherId, name: row.teacherName },
    })),
    truncated: rows.length > MAX_CALENDAR_SESSIONS,
  };
}
