import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../../db/client.ts';
import type { Location } from '../bookable-workshops.repo.ts';

export interface FeedSessionRow {
  id: number;
  startTime: Date | string;
  endTime: Date | string;
  status: string;
  seats: number;
  bookedSeats: number;
  sequence: number;
  changedAt: Date | string;
  title: string;
  locations: Location[];
  teacherName: string;
}

/**
 * The sessions a feed shows: starting in [from, to), of workshops that are not drafts, one
 * teacher's or the whole school's, cancelled ones included so that calendars drop them.
 */
export async function listFeedSessions(
  db: Executor,
  range: { tenantId: number; teacherId: number | undefined; from: Date; to: Date },
  limit: number,
): Promise<FeedSessionRow[]> {
  const teacher = range.teacherId === undefined ? sql`` : sql`and s.teacher_id = ${range.teacherId}`;
  return queryRows<FeedSessionRow>(
    db,
    sql`select s.id, s.start_time as "startTime", s.end_time as "endTime", s.status, s.seats,
               s.booked_seats as "bookedSeats", s.sequence, s.changed_at as "changedAt",
               et.title, et.locations, u.name as "teacherName"
        from workshop_sessions s
        join workshops w on w.id = s.workshop_id and w.tenant_id = ${range.tenantId}
        join event_types et on et.id = w.event_type_id and et.tenant_id = ${range.tenantId}
        join users u on u.id = s.teacher_id
        where s.tenant_id = ${range.tenantId}
          and s.start_time >= ${range.from}
          and s.start_time < ${range.to}
          and w.status <> 'draft'
          ${teacher}
        order by s.start_time asc, s.id asc
        limit ${limit}`,
  );
}
