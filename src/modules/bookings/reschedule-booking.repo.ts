import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import { type RawRow, toDate } from '../../db/rows.ts';
import { type SlotSeatTarget, slotSeatSql } from './slot-seats.repo.ts';

// The statements of moving a booking to another time, run in one transaction by
// reschedule-booking.ts: the old seat given back, the new one taken with the same conditions as a
// new booking's (slot-seats.repo.ts, seats.repo.ts) but the teacher-free gate (see `takeSlotSeat`),
// the booking row pointed at it.

/** Gives the booking's seat back; an empty slot session stays as a row and frees the time. */
export async function releaseSeat(db: Executor, tenantId: number, sessionId: number) {
  await db.execute(
    sql`update workshop_sessions set booked_seats = booked_seats - 1
        where id = ${sessionId} and tenant_id = ${tenantId} and booked_seats > 0`,
  );
}

/**
 * A seat in a slot, taken by the same SQL as `reserveSlotSeat`'s (`slotSeatSql`), without its
 * teacher-free gate: the old seat was given back in this transaction, and the teacher-time
 * exclusion constraint refuses the move when the teacher is booked elsewhere then.
 * Undefined when no seat was left (or the workshop stopped taking slot bookings).
 */
export async function takeSlotSeat(db: Executor, input: SlotSeatTarget): Promise<number | undefined> {
  const seat = slotSeatSql(input);
  const [row] = await queryRows<{ id: number }>(db, seat.upsert(seat.open));
  return row?.id;
}

/** A seat in a planned session of the workshop, by the conditional update every booking uses. */
export async function takeSessionSeat(
  db: Executor,
  input: { tenantId: number; workshopId: number; sessionId: number; now: Date },
): Promise<number | undefined> {
  const { tenantId, workshopId } = input;
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`update workshop_sessions set booked_seats = booked_seats + 1
        where id = ${input.sessionId} and tenant_id = ${tenantId} and workshop_id = ${workshopId}
          and status = 'scheduled' and start_time > ${input.now} and booked_seats < seats
          and exists (select 1 from workshops where id = ${workshopId} and tenant_id = ${tenantId}
                      and status = 'active')
        returning id`,
  );
  return row?.id;
}

export interface PlannedSession {
  id: number;
  startTime: Date;
  endTime: Date;
}

/** The workshop's scheduled session starting at `startTime`, if there is one. */
export async function plannedSessionAt(
  db: Executor,
  input: { tenantId: number; workshopId: number; startTime: Date },
): Promise<PlannedSession | undefined> {
  const [row] = await queryRows<RawRow<PlannedSession>>(
    db,
    sql`select id, start_time as "startTime", end_time as "endTime" from workshop_sessions
        where tenant_id = ${input.tenantId} and workshop_id = ${input.workshopId}
          and start_time = ${input.startTime} and status = 'scheduled'`,
  );
  return row && { id: row.id, startTime: toDate(row.startTime), endTime: toDate(row.endTime) };
}

/**
 * Points an accepted booking at its new seat and raises its invite's SEQUENCE; the new SEQUENCE.
 * The student chose this time, so a free cancellation granted by a staff move ends.
 */
export async function moveBooking(
  db: Executor,
  input: {
    tenantId: number;
    bookingId: number;
    sessionId: number;
    startTime: Date;
    endTime: Date;
    now: Date;
  },
): Promise<number | undefined> {
  const [row] = await queryRows<{ icsSequence: number }>(
    db,
    sql`update bookings set session_id = ${input.sessionId}, start_time = ${input.startTime},
          end_time = ${input.endTime}, ics_sequence = ics_sequence + 1, updated_at = ${input.now},
          free_cancel_until = null
        where tenant_id = ${input.tenantId} and id = ${input.bookingId} and status = 'accepted'
        returning ics_sequence as "icsSequence"`,
  );
  return row?.icsSequence;
}
