import { createHash } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { type Executor, queryRows } from '../../db/client.ts';
import type { PlanType } from '../tenants/plans.ts';

// Every statement that changes a booking's status also changes its session's `booked_seats` in
// the same statement or transaction: booked_seats is always the number of pending and accepted
// bookings, and the conditional increment below is what keeps it at or under `seats`.

export interface BookingTenant {
  id: number;
  slug: string;
  name: string;
  plan: PlanType;
  timeZone: string;
  stripeAccountId: string | null;
  immersioOrgId: string | null;
}

const TENANT_COLUMNS = sql`t.id, t.slug, t.name, t.plan, t.time_zone as "timeZone",
  sc.stripe_account_id as "stripeAccountId", ii.immersio_org_id as "immersioOrgId"
  from tenants t
  left join stripe_credentials sc on sc.tenant_id = t.id and sc.superseded_at is null
  left join immersio_integrations ii on ii.tenant_id = t.id and ii.disconnected_at is null`;

export async function findTenantBySlug(db: Executor, slug: string) {
  const [row] = await queryRows<BookingTenant>(db, sql`select ${TENANT_COLUMNS} where t.slug = ${slug}`);
  return row;
}

export async function findTenantById(db: Executor, tenantId: number) {
  const [row] = await queryRows<BookingTenant>(db, sql`select ${TENANT_COLUMNS} where t.id = ${tenantId}`);
  return row;
}

export interface Location {
  type: 'zoom' | 'google_meet' | 'in_person' | 'link';
  value?: string;
  address?: string;
  link?: string;
}

/** A workshop as a booking needs it: the offer, the policy, the teacher and the staff to notify. */
export interface BookableWorkshop {
  workshopId: number;
  eventTypeId: number;
  status: 'active' | 'draft' | 'archived';
  whitelistEnabled: boolean;
  immersioCourseId: string | null;
  title: string;
  slug: string;
  duration: number;
  priceCents: number;
  currency: string;
  locations: Location[];
  refundWindowHours: number;
  cancellationNoticeHours: number;
  teacherId: number;
  teacherName: string;
  teacherEmail: string;
  /** The teacher and the tenant's owners and admins, deduplicated. */
  staffEmails: string[];
}

const WORKSHOP_COLUMNS = sql`w.id as "workshopId", w.event_type_id as "eventTypeId", w.status,
  w.whitelist_enabled as "whitelistEnabled", w.immersio_course_id as "immersioCourseId",
  et.title, et.slug, et.duration_minutes as duration, et.price_cents as "priceCents", et.currency,
  et.locations, et.refund_window_hours as "refundWindowHours",
  et.cancellation_notice_hours as "cancellationNoticeHours",
  u.id as "teacherId", u.name as "teacherName", u.email as "teacherEmail",
  array(
    select distinct su.email from users su
    where su.id = et.teacher_id
       or su.id in (select m.user_id from memberships m
                    where m.tenant_id = w.tenant_id and m.role in ('OWNER', 'ADMIN'))
  ) as "staffEmails"`;
const WORKSHOP_FROM = sql`from workshops w
  join event_types et on et.id = w.event_type_id and et.tenant_id = w.tenant_id
  join users u on u.id = et.teacher_id`;

export async function findWorkshopBySlug(db: Executor, tenantId: number, slug: string) {
  const [row] = await queryRows<BookableWorkshop>(
    db,
    sql`select ${WORKSHOP_COLUMNS} ${WORKSHOP_FROM} where w.tenant_id = ${tenantId} and et.slug = ${slug}`,
  );
  return row;
}

/** The workshop's sessions from a week ago on, a scheduled one first where two share a start. */
export async function sessionsSince(db: Executor, tenantId: number, workshopId: number, since: Date) {
  const rows = await queryRows<{
    id: number;
    startTime: Date | string;
    endTime: Date | string;
    status: string;
  }>(
    db,
    sql`select id, start_time as "startTime", end_time as "endTime", status from workshop_sessions
        where tenant_id = ${tenantId} and workshop_id = ${workshopId} and start_time >= ${since}
        order by start_time, (status = 'scheduled') asc`,
  );
  return rows.map((r) => ({ ...r, startTime: new Date(r.startTime), endTime: new Date(r.endTime) }));
}

/** A session's state as far as taking a seat goes; `free` may be negative after staff shrink it. */
export interface SeatState {
  status: string;
  startTime: Date | string;
  free: number;
  workshopStatus: string;
}

const SEAT_STATE_COLUMNS = sql`s.status, s.start_time as "startTime", s.seats - s.booked_seats as free,
  w.status as "workshopStatus"`;

/** Why a seat could not be taken: the session's and its workshop's state now. */
export async function seatRefusal(db: Executor, tenantId: number, sessionId: number) {
  const [row] = await queryRows<SeatState>(
    db,
    sql`select ${SEAT_STATE_COLUMNS}
        from workshop_sessions s join workshops w on w.id = s.workshop_id and w.tenant_id = s.tenant_id
        where s.tenant_id = ${tenantId} and s.id = ${sessionId}`,
  );
  return row;
}

export async function findWorkshopById(db: Executor, tenantId: number, workshopId: number) {
  const [row] = await queryRows<BookableWorkshop>(
    db,
    sql`select ${WORKSHOP_COLUMNS} ${WORKSHOP_FROM} where w.tenant_id = ${tenantId} and w.id = ${workshopId}`,
  );
  return row;
}

export async function isWhitelisted(
  db: Executor,
  tenantId: number,
  workshopId: number,
  email: string,
  immersioStudentId: string | undefined,
): Promise<boolean> {
  const rows = await queryRows<{ one: number }>(
    db,
    sql`select 1 as one from whitelist_entries
        where tenant_id = ${tenantId} and workshop_id = ${workshopId}
          and (email = ${email} or (${immersioStudentId ?? null}::text is not null
                                    and immersio_student_id = ${immersioStudentId ?? null}))
        limit 1`,
  );
  return rows.length > 0;
}

export interface NewBooking {
  uid: string;
  tenantId: number;
  workshopId: number;
  sessionId: number;
  title: string;
  startTime: Date;
  endTime: Date;
  status: 'pending' | 'accepted';
  attendeeEmail: string;
  attendeeName: string;
  attendeeTimeZone: string;
  amountCents: number;
  currency: string;
  immersioStudentId: string | null;
  registrationSource: string;
  holdExpiresAt: Date | null;
  now: Date;
}

/**
 * An outbox message written with the booking. When the booking's id is not known yet (it is
 * inserted by the same statement), `idPath` says where in the payload to put it, as a Postgres
 * path literal such as `{data,booking,id}`.
 */
export interface BookingMessage {
  kind: string;
  payload: unknown;
  idPath?: string;
}

function messagesJson(messages: BookingMessage[]): string {
  return JSON.stringify(
    messages.map((m) => ({ kind: m.kind, payload: m.payload, id_path: m.idPath ?? null })),
  );
}

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
 * taken only if the session is open, has not started and has one free (the conditional update),
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
  const [row] = await queryPrepared<SeatAttempt>(
    db,
    sql`with state as (
          select ${SEAT_STATE_COLUMNS},
            case when s.booked_seats >= s.seats then exists (
              select 1 from bookings h where h.tenant_id = s.tenant_id and h.session_id = s.id
                and h.status = 'pending' and h.hold_expires_at <= ${b.now}) else false end as lapsed
          from workshop_sessions s join workshops w on w.id = s.workshop_id and w.tenant_id = s.tenant_id
          where s.id = ${b.sessionId} and s.tenant_id = ${b.tenantId}
        ), gate as (
          select free > 0 and status = 'scheduled' and "startTime" > ${b.now} and "workshopStatus" = 'active'
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
        ), booking as (
          insert into bookings (uid, tenant_id, workshop_id, session_id, title, start_time, end_time,
            status, paid, attendee_email, attendee_name, attendee_time_zone, amount_cents, currency,
            immersio_student_id, registration_source, hold_expires_at, created_at, updated_at)
          select ${b.uid}, ${b.tenantId}, ${b.workshopId}, ${b.sessionId}, ${b.title}, ${b.startTime},
            ${b.endTime}, ${b.status}::booking_status, false, ${b.attendeeEmail}, ${b.attendeeName},
            ${b.attendeeTimeZone}, ${b.amountCents}, ${b.currency}, ${b.immersioStudentId},
            ${b.registrationSource}, ${b.holdExpiresAt}, ${b.now}, ${b.now}
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
        }
        select (select id from booking) as id, (select "seatsLeft" from seat) as "seatsLeft",
          state.status, state."startTime", state.free, state."workshopStatus", state.lapsed,
          (select used from allowance) as "allowanceUsed"
        from state`,
  );
  return row;
}

const dialect = new PgDialect();
const statementNames = new Map<string, string>();

/**
 * Raw SQL as a named prepared statement, named after its text: PostgreSQL then parses and plans
 * it once per connection rather than on every call. For a hot statement whose planning costs
 * more than running it (a booking's, measured in bench/popular-class.ts). PGlite ignores the name.
 */
async function queryPrepared<T>(db: Executor, query: SQL): Promise<T[]> {
  const built = dialect.sqlToQuery(query);
  let name = statementNames.get(built.sql);
  if (name === undefined) {
    name = `bookings_${createHash('sha1').update(built.sql).digest('hex').slice(0, 20)}`;
    statementNames.set(built.sql, name);
  }
  const result = (await db._.session.prepareQuery(built, undefined, name, false).execute()) as { rows: T[] };
  return result.rows;
}

/**
 * Ends the session's holds that lapsed (their webhook may never come) and gives their seats
 * back, in one statement; their Stripe checkouts are expired by the outbox. Returns how many.
 */
export async function releaseLapsedHolds(db: Executor, tenantId: number, sessionId: number, now: Date) {
  const [row] = await queryRows<{ released: number }>(
    db,
    sql`with lapsed as (
          update bookings set status = 'expired', updated_at = ${now}
          where tenant_id = ${tenantId} and session_id = ${sessionId}
            and status = 'pending' and hold_expires_at <= ${now}
          returning id, stripe_checkout_session_id
        ), seat as (
          update workshop_sessions set booked_seats = booked_seats - (select count(*) from lapsed)
          where id = ${sessionId} and tenant_id = ${tenantId} and exists (select 1 from lapsed)
        ), jobs as (
          insert into outbox (kind, tenant_id, payload)
          select 'stripe.expire-checkout', ${tenantId}, jsonb_build_object('bookingId', id)
          from lapsed where stripe_checkout_session_id is not null
        )
        select count(*)::int as released from lapsed`,
  );
  return row?.released ?? 0;
}

/**
 * The sweeper's pass over every tenant: lapsed holds, oldest first, in batches; rows another
 * instance is working on are skipped. Returns the tenants whose seat counts changed.
 */
export async function sweepLapsedHolds(db: Executor, now: Date, batch: number) {
  return queryRows<{ tenantId: number; released: number }>(
    db,
    sql`with lapsed as (
          update bookings b set status = 'expired', updated_at = ${now}
          where b.id in (
            select id from bookings
            where status = 'pending' and hold_expires_at <= ${now}
            order by hold_expires_at limit ${batch}
            for update skip locked)
          returning b.id, b.tenant_id, b.session_id, b.stripe_checkout_session_id
        ), seats as (
          update workshop_sessions s set booked_seats = s.booked_seats - l.n
          from (select session_id, count(*)::int as n from lapsed where session_id is not null
                group by session_id) l
          where s.id = l.session_id
        ), jobs as (
          insert into outbox (kind, tenant_id, payload)
          select 'stripe.expire-checkout', tenant_id, jsonb_build_object('bookingId', id)
          from lapsed where stripe_checkout_session_id is not null
        )
        select tenant_id as "tenantId", count(*)::int as released from lapsed group by tenant_id`,
  );
}

export interface BookingRow {
  id: number;
  uid: string;
  tenantId: number;
  workshopId: number;
  sessionId: number | null;
  title: string;
  startTime: Date;
  endTime: Date;
  status: 'pending' | 'accepted' | 'cancelled' | 'expired' | 'failed';
  paid: boolean;
  attendeeEmail: string;
  attendeeName: string;
  attendeeTimeZone: string;
  amountCents: number;
  currency: string;
  immersioStudentId: string | null;
  registrationSource: string;
  holdExpiresAt: Date | null;
  stripeCheckoutSessionId: string | null;
  checkoutUrl: string | null;
  cancelledBy: string | null;
  cancellationReason: string | null;
  cancelledAt: Date | null;
  createdAt: Date;
}

const BOOKING_COLUMNS = sql`id, uid, tenant_id as "tenantId", workshop_id as "workshopId",
  session_id as "sessionId", title, start_time as "startTime", end_time as "endTime", status, paid,
  attendee_email as "attendeeEmail", attendee_name as "attendeeName",
  attendee_time_zone as "attendeeTimeZone", amount_cents as "amountCents", currency,
  immersio_student_id as "immersioStudentId", registration_source as "registrationSource",
  hold_expires_at as "holdExpiresAt", stripe_checkout_session_id as "stripeCheckoutSessionId",
  checkout_url as "checkoutUrl", cancelled_by as "cancelledBy",
  cancellation_reason as "cancellationReason", cancelled_at as "cancelledAt", created_at as "createdAt"`;

// Raw rows bring timestamps as strings on node-postgres and Dates on PGlite.
function toBooking(row: BookingRow | undefined): BookingRow | undefined {
  if (!row) return undefined;
  const date = (v: Date | string | null) => (v === null ? null : new Date(v));
  return {
    ...row,
    startTime: date(row.startTime)!,
    endTime: date(row.endTime)!,
    holdExpiresAt: date(row.holdExpiresAt),
    cancelledAt: date(row.cancelledAt),
    createdAt: date(row.createdAt)!,
  };
}

/** A booking by its public uid, whatever the tenant: the manage link carries only uid and token. */
export async function findBookingByUid(db: Executor, uid: string) {
  const [row] = await queryRows<BookingRow>(
    db,
    sql`select ${BOOKING_COLUMNS} from bookings where uid = ${uid}`,
  );
  return toBooking(row);
}

export async function findBookingById(db: Executor, tenantId: number, bookingId: number) {
  const [row] = await queryRows<BookingRow>(
    db,
    sql`select ${BOOKING_COLUMNS} from bookings where tenant_id = ${tenantId} and id = ${bookingId}`,
  );
  return toBooking(row);
}

export async function lockBookingByUid(db: Executor, tenantId: number, uid: string) {
  const [row] = await queryRows<BookingRow>(
    db,
    sql`select ${BOOKING_COLUMNS} from bookings where tenant_id = ${tenantId} and uid = ${uid} for update`,
  );
  return toBooking(row);
}

export async function lockBooking(db: Executor, tenantId: number, bookingId: number) {
  const [row] = await queryRows<BookingRow>(
    db,
    sql`select ${BOOKING_COLUMNS} from bookings where tenant_id = ${tenantId} and id = ${bookingId} for update`,
  );
  return toBooking(row);
}

export async function lockBookingByCheckout(db: Executor, checkoutSessionId: string) {
  const [row] = await queryRows<BookingRow>(
    db,
    sql`select ${BOOKING_COLUMNS} from bookings
        where stripe_checkout_session_id = ${checkoutSessionId} for update`,
  );
  return toBooking(row);
}

/** Live bookings of one session: what cancelling the session cancels (`lock` while doing it). */
export async function liveBookingsOfSession(
  db: Executor,
  tenantId: number,
  sessionId: number,
  options: { lock: boolean },
) {
  const rows = await queryRows<BookingRow>(
    db,
    sql`select ${BOOKING_COLUMNS} from bookings
        where tenant_id = ${tenantId} and session_id = ${sessionId} and status in ('pending', 'accepted')
        order by id ${options.lock ? sql`for update` : sql``}`,
  );
  return rows.map((r) => toBooking(r)!);
}

export async function lockSession(db: Executor, tenantId: number, sessionId: number) {
  const [row] = await queryRows<{
    id: number;
    workshopId: number;
    startTime: Date | string;
    status: string;
    seats: number;
    bookedSeats: number;
  }>(
    db,
    sql`select id, workshop_id as "workshopId", start_time as "startTime", status, seats,
               booked_seats as "bookedSeats"
        from workshop_sessions where tenant_id = ${tenantId} and id = ${sessionId} for update`,
  );
  return row;
}

export async function markSessionCancelled(db: Executor, tenantId: number, sessionId: number) {
  await db.execute(
    sql`update workshop_sessions set status = 'cancelled', booked_seats = 0
        where tenant_id = ${tenantId} and id = ${sessionId}`,
  );
}

export async function setCheckout(
  db: Executor,
  tenantId: number,
  bookingId: number,
  checkout: { id: string; url: string },
) {
  await db.execute(
    sql`update bookings set stripe_checkout_session_id = ${checkout.id}, checkout_url = ${checkout.url}
        where tenant_id = ${tenantId} and id = ${bookingId}`,
  );
}

type EndStatus = 'cancelled' | 'expired' | 'failed';

/**
 * Moves a pending or accepted booking to an end state and gives its seat back, in one statement.
 * Returns false when the booking was no longer live (someone else got there first).
 */
export async function endBooking(
  db: Executor,
  tenantId: number,
  bookingId: number,
  change: {
    status: EndStatus;
    now: Date;
    cancelledBy?: 'student' | 'teacher' | 'admin';
    reason?: string | null;
  },
): Promise<boolean> {
  const cancelled = change.status === 'cancelled';
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`with ended as (
          update bookings set status = ${change.status}::booking_status, updated_at = ${change.now},
            cancelled_at = ${cancelled ? change.now : null},
            cancelled_by = ${cancelled ? (change.cancelledBy ?? null) : null},
            cancellation_reason = ${cancelled ? (change.reason ?? null) : null}
          where tenant_id = ${tenantId} and id = ${bookingId} and status in ('pending', 'accepted')
          returning id, session_id
        ), seat as (
          update workshop_sessions set booked_seats = booked_seats - 1
          where id = (select session_id from ended) and tenant_id = ${tenantId}
            and booked_seats > 0
        )
        select id from ended`,
  );
  return row !== undefined;
}

/** Confirms a held booking (its seat is already counted). */
export async function acceptBooking(
  db: Executor,
  tenantId: number,
  bookingId: number,
  change: { paid: boolean; now: Date },
) {
  await db.execute(
    sql`update bookings set status = 'accepted', paid = ${change.paid}, updated_at = ${change.now}
        where tenant_id = ${tenantId} and id = ${bookingId}`,
  );
}

/**
 * A payment that arrived after its hold ended: takes a seat again if one is free (and the
 * session is still open) and confirms the booking, in one statement. False when no seat is left.
 */
export async function reacceptLateBooking(db: Executor, tenantId: number, booking: BookingRow, now: Date) {
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

/** Outbox messages for a booking whose id is known, in one insert. */
export async function writeMessages(
  db: Executor,
  tenantId: number,
  bookingId: number,
  messages: BookingMessage[],
) {
  if (messages.length === 0) return;
  await db.execute(
    sql`insert into outbox (kind, tenant_id, payload)
        select m.kind, ${tenantId},
               case when m.id_path is null then m.payload
                    else jsonb_set(m.payload, m.id_path::text[], to_jsonb(${bookingId}::int)) end
        from jsonb_to_recordset(${messagesJson(messages)}::jsonb) as m(kind text, payload jsonb, id_path text)`,
  );
}

/** The booking's latest refund, if any: what the student's page says about their money. */
export async function latestRefund(db: Executor, tenantId: number, bookingId: number) {
  const [row] = await queryRows<{
    status: 'pending' | 'succeeded' | 'failed';
    amount: number;
    currency: string;
  }>(
    db,
    sql`select status, amount_cents as amount, currency from refunds
        where tenant_id = ${tenantId} and booking_id = ${bookingId} order by id desc limit 1`,
  );
  return row;
}
