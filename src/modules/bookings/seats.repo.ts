import { type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import { queryPrepared } from '../../db/prepared-query.ts';
import { type RawRow, toDate } from '../../db/rows.ts';
import type { bookings, workshopSessions, workshops } from '../../db/schema/index.ts';
import { type BookingMessage, messagesJson } from './booking-messages.repo.ts';
import { OFFER_CUTOFF_MS } from './waitlist/waitlist-rules.ts';

// Every statement that changes a booking's status also changes its session's `booked_seats` in
// the same statement or transaction: booked_seats is always the number of pending and accepted
// bookings, and the conditional increment below is what keeps it at or under `seats`.

type Booking = typeof bookings.$inferSelect;

/** A session's state as far as taking a seat goes; `free` may be negative after staff shrink it. */
export interface SeatState {
  status: (typeof workshopSessions.$inferSelect)['status'];
  startTime: Date;
  free: number;
  workshopStatus: (typeof workshops.$inferSelect)['status'];
}

const SEAT_STATE_COLUMNS = sql`s.status, s.start_time as "startTime", s.seats - s.booked_seats as free,
  w.status as "workshopStatus"`;

/** Why a seat could not be taken: the session's and its workshop's state now. */
export async function seatRefusal(db: Executor, tenantId: number, sessionId: number) {
  const [row] = await queryRows<RawRow<SeatState>>(
    db,
    sql`select ${SEAT_STATE_COLUMNS}
        from workshop_sessions s join workshops w on w.id = s.workshop_id and w.tenant_id = s.tenant_id
        where s.tenant_id = ${tenantId} and s.id = ${sessionId}`,
  );
  return row && { ...row, startTime: toDate(row.startTime) };
}

export type NewBooking = Pick<
  Booking,
  | 'uid'
  | 'tenantId'
  | 'workshopId'
  | 'title'
  | 'startTime'
  | 'endTime'
  | 'attendeeEmail'
  | 'attendeeName'
  | 'attendeeTimeZone'
  | 'amountCents'
  | 'currency'
  | 'immersioStudentId'
  | 'registrationSource'
  | 'holdExpiresAt'
> & {
  sessionId: number;
  status: 'pending' | 'accepted';
  now: Date;
  /** Paid already when written: a class pass's credit paid for it (default false). */
  paid?: boolean | undefined;
  /** The recurring slot series the booking belongs to, if any. */
  seriesUid?: string | null | undefined;
  /** The checked answers to the workshop's questions (default none). */
  answers?: Record<string, unknown> | undefined;
  /** The language the student booked in (issue 18): their later e-mails use it. */
  language: string;
};

/** A capped plan's monthly allowance: at most `max` counted bookings created since `since`. */
export interface Allowance {
  max: number;
  since: Date;
}

/** What one attempt at a seat found. `id` is set when the seat was taken and the booking written. */
export interface SeatAttempt extends SeatState {
  id: number | null;
  seatsLeft: number | null;
  /** The session was full with lapsed holds in it: their seats can be given back. */
  lapsed: boolean;
  /** Bookings counted against the allowance (a capped plan, and only when a seat looked free). */
  allowanceUsed: number | null;
}

/**
 * Takes a seat and writes the booking and its outbox messages in one statement: the seat is
 * taken only if the session is open, has not started and has one free (the conditional update;
 * seats wanted by the session's waitlist are not free to others, see waitlist/offer-seats.ts),
 * and, for a capped plan, the tenant's allowance has room; nothing is written otherwise. A second
 * live booking for the same email raises the unique violation `bookings_session_email_live_uq`,
 * which undoes the whole statement. Undefined when the session does not exist.
 *
 * A refusal must not queue behind the bookings that hold the seat row: `state` reads the session
 * without locking, and when that shows no free seat (or a closed session) the update is gated off
 * before it touches the row (a one-time filter), so a full session is refused at the cost of a
 * read. The gate only refuses early; the update's own conditions still decide every seat. The
 * allowance (tenant lock + count, see migration 0010) is taken only past the gate.
 */
export async function reserveSeat(
  db: Executor,
  b: NewBooking,
  messages: BookingMessage[],
  allowance?: Allowance,
): Promise<SeatAttempt | undefined> {
  const [row] = await queryPrepared<RawRow<SeatAttempt>>(
    db,
    sql`with state as (
          select ${SEAT_STATE_COLUMNS},
            case when s.booked_seats >= s.seats then exists (
              select 1 from bookings h where h.tenant_id = s.tenant_id and h.session_id = s.id
                and h.status = 'pending' and h.hold_expires_at <= ${b.now}) else false end as lapsed,
            -- Free seats belong to the waitlist first (its offers take them), until the cut-off.
            (select count(*)::int from waitlist_entries e where e.session_id = s.id and e.status = 'waiting'
               and s.start_time > ${new Date(b.now.getTime() + OFFER_CUTOFF_MS)}) as waiting
          from workshop_sessions s join workshops w on w.id = s.workshop_id and w.tenant_id = s.tenant_id
          where s.id = ${b.sessionId} and s.tenant_id = ${b.tenantId}
        ), gate as (
          select free > waiting and status = 'scheduled' and "startTime" > ${b.now} and "workshopStatus" = 'active'
            as open from state
        ), allowance as (
          select ${
            allowance
              ? sql`case when (select open from gate) then booking_allowance_used(${b.tenantId}, ${allowance.since}) end`
              : sql`null::int`
          } as used
        ), seat as (
          update workshop_sessions set booked_seats = booked_seats + 1
          where id = ${b.sessionId} and tenant_id = ${b.tenantId} and status = 'scheduled'
            and start_time > ${b.now} and booked_seats < seats
            and exists (select 1 from workshops where id = ${b.workshopId} and tenant_id = ${b.tenantId}
                        and status = 'active')
            and (select open from gate)
            ${allowance ? sql`and (select used from allowance) < ${allowance.max}` : sql``}
          returning seats - booked_seats as "seatsLeft"
        ), ${bookingWrites(b, sql`${b.sessionId}`, messages)}
        select (select id from booking) as id, (select "seatsLeft" from seat) as "seatsLeft",
          state.status, state."startTime", state.free - state.waiting as free, state."workshopStatus", state.lapsed,
          (select used from allowance) as "allowanceUsed"
        from state`,
  );
  return row && { ...row, startTime: toDate(row.startTime) };
}

/**
 * A payment that arrived after its hold ended: takes a seat again if one is free (and the
 * session is still open) and confirms the booking, in one statement. False when no seat is left.
 */
export async function reacceptLateBooking(
  db: Executor,
  tenantId: number,
  booking: Pick<Booking, 'id' | 'sessionId'>,
  now: Date,
) {
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`with seat as (
          update workshop_sessions set booked_seats = booked_seats + 1
          where id = ${booking.sessionId} and tenant_id = ${tenantId} and status = 'scheduled'
            and start_time > ${now} and booked_seats < seats
          returning id
        )
        update bookings set status = 'accepted', paid = true, updated_at = ${now}
        where tenant_id = ${tenantId} and id = ${booking.id} and exists (select 1 from seat)
        returning id`,
  );
  return row !== undefined;
}

export async function seatsLeft(db: Executor, tenantId: number, sessionId: number): Promise<number> {
  const [row] = await queryRows<{ left: number }>(
    db,
    sql`select greatest(seats - booked_seats, 0)::int as left from workshop_sessions
        where tenant_id = ${tenantId} and id = ${sessionId}`,
  );
  return row?.left ?? 0;
}

/**
 * The CTEs after a seat statement's `seat` CTE: `booking` inserts the booking (only when `seat`
 * returned a row) in session `sessionId`, and `messages` its outbox rows with the booking's id
 * put where each message asks for it. Shared by planned sessions and slots.
 */
export function bookingWrites(b: Omit<NewBooking, 'sessionId'>, sessionId: SQL, messages: BookingMessage[]) {
  return sql`booking as (
          insert into bookings (uid, tenant_id, workshop_id, session_id, title, start_time, end_time,
            status, paid, attendee_email, attendee_name, attendee_time_zone, amount_cents, currency,
            immersio_student_id, registration_source, hold_expires_at, series_uid, answers, language, created_at, updated_at)
          select ${b.uid}, ${b.tenantId}, ${b.workshopId}, ${sessionId}, ${b.title}, ${b.startTime},
            ${b.endTime}, ${b.status}::booking_status, ${b.paid ?? false}::boolean, ${b.attendeeEmail}, ${b.attendeeName},
            ${b.attendeeTimeZone}, ${b.amountCents}, ${b.currency}, ${b.immersioStudentId},
            ${b.registrationSource}, ${b.holdExpiresAt}, ${b.seriesUid ?? null},
            ${JSON.stringify(b.answers ?? {})}::jsonb, ${b.language}, ${b.now}, ${b.now}
          from seat
          returning id
        )${
          messages.length === 0
            ? sql``
            : sql`, messages as (
          insert into outbox (kind, tenant_id, payload)
          select m.kind, ${b.tenantId},
                 case when m.id_path is null then m.payload
                      else jsonb_set(m.payload, m.id_path::text[], to_jsonb(booking.id)) end
          from booking, jsonb_to_recordset(${messagesJson(messages)}::jsonb)
            as m(kind text, payload jsonb, id_path text)
        )`
        }`;
}
