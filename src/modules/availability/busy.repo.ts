import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { queryPrepared } from '../../db/prepared-query.ts';
import { type RawRow, toDate } from '../../db/rows.ts';
import type { BusyInterval } from './slots-busy.ts';

/**
 * The longest a session keeps its teacher busy: 480 minutes of class plus at most 480 minutes of
 * buffer either side (the workshops' checks). Bounding `busy_from` from below by it lets the index
 * on (tenant, teacher, busy_from) read only the window, not the teacher's whole past.
 */
const MAX_BUSY_SPAN_MS = 24 * 3_600_000;

interface SessionBusyRow {
  sessionId: number;
  workshopId: number;
  busyFrom: Date;
  busyUntil: Date;
  startTime: Date;
  seats: number;
  bookedSeats: number;
}

/**
 * Every live session keeping the teacher busy in [from, to), of any workshop they teach, by the
 * busy time the exclusion constraint compares (the session and its buffers): a planned session
 * whether booked or not, a slot's session only while someone is in it (a slot whose students all
 * cancelled leaves an empty row that frees the time again).
 */
export async function sessionsBusy(
  db: Executor,
  input: { tenantId: number; teacherId: number; from: Date; to: Date },
): Promise<BusyInterval[]> {
  // A session counts when its workshop (the tenant's) is fixed-schedule or when it is booked: the
  // test a join with the workshop made, as two uncorrelated `in` lists PostgreSQL hashes once per
  // statement instead of probing a workshop for each of a busy month's ~500 rows. Named, the
  // statement is planned once per connection. Together they take about 0.5 ms off an uncached
  // slots answer of 3-4 ms (bench/slot-booking-server.ts).
  const query = sql`select s.id as "sessionId", s.workshop_id as "workshopId", s.busy_from as "busyFrom",
          s.busy_until as "busyUntil", s.start_time as "startTime", s.seats, s.booked_seats as "bookedSeats"
        from workshop_sessions s
        where s.tenant_id = ${input.tenantId} and s.teacher_id = ${input.teacherId}
          and s.status = 'scheduled' and s.busy_from < ${input.to} and s.busy_until > ${input.from}
          and s.busy_from > ${new Date(input.from.getTime() - MAX_BUSY_SPAN_MS)}
          and (s.workshop_id in (select id from workshops where tenant_id = ${input.tenantId} and booking_mode = 'fixed')
            or s.booked_seats > 0 and s.workshop_id in (select id from workshops where tenant_id = ${input.tenantId}))`;
  const rows = await queryPrepared<RawRow<SessionBusyRow>>(db, query);
  return rows.map((row) => ({
    start: toDate(row.busyFrom),
    end: toDate(row.busyUntil),
    kind: 'session' as const,
    sessionOf: {
      workshopId: row.workshopId,
      sessionId: row.sessionId,
      bookedSeats: row.bookedSeats,
      seats: row.seats,
      startTime: toDate(row.startTime),
    },
  }));
}
