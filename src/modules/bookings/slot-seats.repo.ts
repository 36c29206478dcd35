import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import { queryPrepared } from '../../db/prepared-query.ts';
import type { BookingMessage } from './booking-messages.repo.ts';
import { type Allowance, bookingWrites, type NewBooking } from './seats.repo.ts';

/** Where a slot booking's session is: made by the statement unless someone already booked it. */
export interface SlotSession {
  startTime: Date;
  endTime: Date;
  /** The teacher's schedule zone, kept beside the instants. */
  timeZone: string;
  seats: number;
}

/** What else the teacher must be free of for the slot to be taken. */
export interface SlotTeacher {
  teacherId: number;
  /** The slot with this workshop's buffers: the time it keeps the teacher busy. */
  busyFrom: Date;
  busyUntil: Date;
  /** With a daily maximum: the teacher-local day the slot starts on, and the maximum. */
  day?: { from: Date; until: Date; max: number } | undefined;
}

export type NewSlotBooking = Omit<NewBooking, 'sessionId'> & { slot: SlotSession; teacher: SlotTeacher };

export interface SlotSeatAttempt {
  id: number | null;
  sessionId: number | null;
  /** The workshop active and booked by slot, the slot not started. */
  open: boolean;
  /** No other class, planned session or calendar event of the teacher in the slot's busy time. */
  teacherFree: boolean;
  /** The teacher's day below its maximum of booked sessions (or no maximum, or joining one). */
  dayOpen: boolean;
  allowanceUsed: number | null;
}

/** The workshop and slot a seat is taken in, as a new booking or a move has them. */
export interface SlotSeatTarget {
  tenantId: number;
  workshopId: number;
  slot: SlotSession;
  now: Date;
}

/**
 * The SQL that takes a seat in a slot, one text for a new booking (`reserveSlotSeat`) and a move
 * (reschedule-booking.repo.ts) so the two cannot drift apart. `open`: the workshop active and
 * booked by slot, the slot not started. `upsert(when)`: when `when` holds, the slot's session is
 * inserted with its first seat taken, or, when a booking already made it (the unique index
 * `workshop_sessions_workshop_start_live_uq` arbitrates, so racing bookings see one row), its
 * seat count goes up if a seat is left; returns `s.id`. `when` guards the insert's row, so a
 * refused one never reaches the conflict path either.
 */
export function slotSeatSql(t: SlotSeatTarget): { open: SQL; upsert: (when: SQL) => SQL } {
  return {
    open: sql`exists (select 1 from workshops where id = ${t.workshopId} and tenant_id = ${t.tenantId}
                and status = 'active' and booking_mode = 'slots')
              and ${t.slot.startTime}::timestamptz > ${t.now}::timestamptz`,
    upsert: (when) =>
      sql`insert into workshop_sessions as s (tenant_id, workshop_id, start_time, end_time, time_zone, seats,
            booked_seats)
          select ${t.tenantId}, ${t.workshopId}, ${t.slot.startTime}, ${t.slot.endTime}, ${t.slot.timeZone},
            ${t.slot.seats}, 1
          where ${when}
          on conflict (workshop_id, start_time) where status = 'scheduled'
          do update set booked_seats = s.booked_seats + 1
            where s.booked_seats < s.seats and s.tenant_id = ${t.tenantId}
          returning s.id`,
  };
}

/** The longest a session keeps its teacher busy (480 min + two 480 min buffers): see busy.repo.ts. */
const MAX_BUSY_SPAN_MS = 24 * 3_600_000;

/**
 * Takes a seat in a slot and writes the booking and its outbox messages in one statement. The
 * slot's session is inserted with its first seat taken, or, when another student's booking
 * already made it (the unique index `workshop_sessions_workshop_start_live_uq` arbitrates, so
 * racing students see one row), its seat count goes up if a seat is left. The gate reads what
 * else keeps the teacher busy (their planned sessions, booked or not, their other slots' booked
 * sessions and their calendar feed's events) and the daily maximum; the exclusion constraint
 * decides the race between two booked sessions of the teacher, which the gate's snapshot cannot.
 * A daily maximum is read, not locked: two different slots booked in the same instant can both
 * pass it (see docs/decisions.md).
 */
export async function reserveSlotSeat(
  db: Executor,
  b: NewSlotBooking,
  messages: BookingMessage[],
  allowance?: Allowance,
): Promise<SlotSeatAttempt> {
  const t = b.teacher;
  const seat = slotSeatSql(b);
  const [row] = await queryPrepared<SlotSeatAttempt>(
    db,
    sql`with gate as (
          select ${seat.open} as open,
          not exists (
            select 1 from workshop_sessions o join workshops ow on ow.id = o.workshop_id and ow.tenant_id = o.tenant_id
            where o.tenant_id = ${b.tenantId} and o.teacher_id = ${t.teacherId} and o.status = 'scheduled'
              and (o.booked_seats > 0 or ow.booking_mode = 'fixed')
              and o.busy_from < ${t.busyUntil} and o.busy_until > ${t.busyFrom}
              and o.busy_from > ${new Date(t.busyFrom.getTime() - MAX_BUSY_SPAN_MS)}
              and not (o.workshop_id = ${b.workshopId} and o.start_time = ${b.slot.startTime})
          ) and not exists (
            select 1 from external_busy_times e
            where e.tenant_id = ${b.tenantId} and e.teacher_id = ${t.teacherId}
              and e.start_time < ${t.busyUntil} and e.end_time > ${t.busyFrom}
          ) as "teacherFree",
          ${
            t.day
              ? sql`exists (select 1 from workshop_sessions j where j.workshop_id = ${b.workshopId}
                      and j.start_time = ${b.slot.startTime} and j.status = 'scheduled' and j.booked_seats > 0)
                    or (select count(*) from workshop_sessions d
                        where d.tenant_id = ${b.tenantId} and d.teacher_id = ${t.teacherId}
                          and d.status = 'scheduled' and d.booked_seats > 0
                          and d.start_time >= ${t.day.from} and d.start_time < ${t.day.until}) < ${t.day.max}`
              : sql`true`
          } as "dayOpen"
        ), allowance as (
          select ${
            allowance
              ? sql`case when (select open from gate) then booking_allowance_used(${b.tenantId}, ${allowance.since}) end`
              : sql`null::int`
          } as used
        ), seat as (
          ${seat.upsert(
            sql`(select open and "teacherFree" and "dayOpen" from gate)
                ${allowance ? sql`and (select used from allowance) < ${allowance.max}` : sql``}`,
          )}
        ), ${bookingWrites(b, sql`seat.id`, messages)}
        select (select id from booking) as id, (select id from seat) as "sessionId",
          gate.open, gate."teacherFree", gate."dayOpen", (select used from allowance) as "allowanceUsed"
        from gate`,
  );
  return row!;
}

/** The live session of the workshop at `startTime`, if a booking made one: what a refusal explains. */
export async function liveSlotSession(
  db: Executor,
  input: { tenantId: number; workshopId: number; startTime: Date; now: Date },
) {
  const [row] = await queryRows<{ id: number; free: number; lapsed: boolean }>(
    db,
    sql`select s.id, s.seats - s.booked_seats as free,
          exists (select 1 from bookings h where h.tenant_id = s.tenant_id and h.session_id = s.id
                  and h.status = 'pending' and h.hold_expires_at <= ${input.now}) as lapsed
        from workshop_sessions s
        where s.tenant_id = ${input.tenantId} and s.workshop_id = ${input.workshopId}
          and s.start_time = ${input.startTime} and s.status = 'scheduled'`,
  );
  return row;
}
