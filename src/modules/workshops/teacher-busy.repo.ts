import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import { type RawRow, toDate } from '../../db/rows.ts';

export interface BookedConflict {
  title: string;
  startTime: Date;
}

/**
 * The first booked live session of the teacher whose busy time (with its buffers) overlaps one of
 * `ranges`: the sessions the exclusion constraint `workshop_sessions_teacher_busy` compares.
 * `exceptWorkshopId` leaves out a workshop whose own sessions are being replaced.
 */
export async function firstBookedConflict(
  db: Executor,
  input: {
    tenantId: number;
    teacherId: number;
    ranges: ReadonlyArray<{ from: Date; until: Date }>;
    exceptWorkshopId?: number | undefined;
    /** A session being moved, which must not clash with itself. */
    exceptSessionId?: number | undefined;
  },
): Promise<BookedConflict | undefined> {
  if (input.ranges.length === 0) return undefined;
  // As array literals: a JS array in Drizzle's sql template becomes a list of parameters.
  const froms = `{${input.ranges.map((r) => r.from.toISOString()).join(',')}}`;
  const untils = `{${input.ranges.map((r) => r.until.toISOString()).join(',')}}`;
  const [row] = await queryRows<RawRow<BookedConflict>>(
    db,
    sql`select e.title, s.start_time as "startTime"
        from workshop_sessions s
        join workshops w on w.id = s.workshop_id and w.tenant_id = s.tenant_id
        join event_types e on e.id = w.event_type_id and e.tenant_id = w.tenant_id
        join unnest(${froms}::timestamptz[], ${untils}::timestamptz[]) as r(f, u)
          on tstzrange(s.busy_from, s.busy_until) && tstzrange(r.f, r.u)
        where s.tenant_id = ${input.tenantId} and s.teacher_id = ${input.teacherId}
          and s.status = 'scheduled' and s.booked_seats > 0 and s.teacher_busy
          ${input.exceptWorkshopId === undefined ? sql`` : sql`and s.workshop_id <> ${input.exceptWorkshopId}`}
          ${input.exceptSessionId === undefined ? sql`` : sql`and s.id <> ${input.exceptSessionId}`}
        order by s.start_time
        limit 1`,
  );
  return row && { title: row.title, startTime: toDate(row.startTime) };
}
