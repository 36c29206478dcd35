import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../../db/client.ts';
import { type RawRow, toDate, toDateOrNull } from '../../../db/rows.ts';
import type { waitlistEntries, workshopSessions, workshops } from '../../../db/schema/index.ts';
import type { BookingMessage } from '../booking-messages.repo.ts';
import { type Allowance, bookingWrites, type NewBooking } from '../seats.repo.ts';
import { OFFER_CUTOFF_MS } from './waitlist-rules.ts';

// A session's waitlist: joining, the place in line, offers (a held seat is a pending booking
// taken by the same conditional update as any seat) and the staff's changes. The order is the
// `position` column; the triggers of migration 0023 queue offers when seats free and keep an
// offered entry's status in step with its booking.

export type EntryRow = typeof waitlistEntries.$inferSelect;
export type WaitlistStatus = EntryRow['status'];

/** The session a line belongs to, with what joining and offering need of its workshop. */
export interface LineSession {
  id: number;
  tenantId: number;
  workshopId: number;
  startTime: Date;
  endTime: Date;
  status: (typeof workshopSessions.$inferSelect)['status'];
  seats: number;
  bookedSeats: number;
  workshopStatus: (typeof workshops.$inferSelect)['status'];
  waitlistEnabled: boolean;
  offerMinutes: number;
  teacherId: number;
}

const LINE_SESSION = sql`s.id, s.tenant_id as "tenantId", s.workshop_id as "workshopId",
  s.start_time as "startTime", s.end_time as "endTime", s.status, s.seats, s.booked_seats as "bookedSeats",
  w.status as "workshopStatus", w.waitlist_enabled as "waitlistEnabled",
  w.waitlist_offer_minutes as "offerMinutes", et.teacher_id as "teacherId"`;
const LINE_FROM = sql`from workshop_sessions s
  join workshops w on w.id = s.workshop_id and w.tenant_id = s.tenant_id
  join event_types et on et.id = w.event_type_id and et.tenant_id = s.tenant_id`;

function toLineSession(row: RawRow<LineSession>): LineSession {
  return { ...row, startTime: toDate(row.startTime), endTime: toDate(row.endTime) };
}

export async function findLineSession(db: Executor, tenantId: number, sessionId: number) {
  const [row] = await queryRows<RawRow<LineSession>>(
    db,
    sql`select ${LINE_SESSION} ${LINE_FROM} where s.tenant_id = ${tenantId} and s.id = ${sessionId}`,
  );
  return row && toLineSession(row);
}

/**
 * The session for a join, its row locked `for share` until the join commits: a seat freed
 * meanwhile either committed before (and is seen here) or waits for this entry, and then the
 * seat-freed trigger sees it. With how many wait and whether the e-mail already holds a seat.
 */
export async function lockSessionForJoin(db: Executor, tenantId: number, sessionId: number, email: string) {
  const [row] = await queryRows<RawRow<LineSession & { waiting: number; booked: boolean }>>(
    db,
    sql`select ${LINE_SESSION},
          (select count(*)::int from waitlist_entries e
           where e.session_id = s.id and e.status = 'waiting') as waiting,
          exists (select 1 from bookings b where b.tenant_id = s.tenant_id and b.session_id = s.id
                    and b.attendee_email = ${email} and b.status in ('pending', 'accepted')) as booked
        ${LINE_FROM} where s.tenant_id = ${tenantId} and s.id = ${sessionId}
        for share of s`,
  );
  return row && { ...toLineSession(row), waiting: row.waiting, booked: row.booked };
}

export interface NewEntry {
  uid: string;
  tenantId: number;
  workshopId: number;
  sessionId: number;
  email: string;
  name: string;
  timeZone: string;
  immersioStudentId: string | null;
  /** The language the person joined in (issue 18): their e-mails and the offer's booking use it. */
  language: string;
  now: Date;
}

/** Puts the person at the end of the line; returns the entry and its place (1 = next). */
export async function insertEntry(db: Executor, e: NewEntry) {
  const [row] = await queryRows<{ id: number; position: number; place: number }>(
    db,
    sql`with entry as (
          insert into waitlist_entries (uid, tenant_id, workshop_id, session_id, email, name, time_zone,
            immersio_student_id, language, created_at, updated_at)
          values (${e.uid}, ${e.tenantId}, ${e.workshopId}, ${e.sessionId}, ${e.email}, ${e.name},
            ${e.timeZone}, ${e.immersioStudentId}, ${e.language}, ${e.now}, ${e.now})
          returning id, position
        )
        select entry.id, entry.position::float8 as position,
          (select count(*)::int from waitlist_entries w
           where w.session_id = ${e.sessionId} and w.status = 'waiting' and w.position < entry.position) + 1 as place
        from entry`,
  );
  return row!;
}

/** An entry with its session and workshop, as its student and staff see it. */
export type EntryView = Omit<EntryRow, 'position'> & {
  /** 1 for the next in line; null when not waiting. */
  place: number | null;
  /** The offer's booking (held, then confirmed). */
  bookingUid: string | null;
  sessionStart: Date;
  sessionEnd: Date;
  sessionStatus: string;
  sessionTimeZone: string;
  workshopTitle: string;
  workshopSlug: string;
  priceCents: number;
  currency: string;
  teacherName: string;
  teacherId: number;
  tenantName: string;
  tenantSlug: string;
};

const ENTRY_VIEW = sql`e.id, e.uid, e.tenant_id as "tenantId", e.workshop_id as "workshopId",
  e.session_id as "sessionId", e.status, e.email, e.name, e.time_zone as "timeZone", e.language,
  e.immersio_student_id as "immersioStudentId", e.booking_id as "bookingId", e.offered_by as "offeredBy",
  e.offered_at as "offeredAt", e.offer_expires_at as "offerExpiresAt", e.left_by as "leftBy",
  e.closed_at as "closedAt", e.created_at as "createdAt", e.updated_at as "updatedAt",
  case when e.status = 'waiting' then (
    select count(*)::int from waitlist_entries x
    where x.session_id = e.session_id and x.status = 'waiting' and x.position < e.position) + 1 end as place,
  (select b.uid from bookings b where b.id = e.booking_id and b.tenant_id = e.tenant_id) as "bookingUid",
  s.start_time as "sessionStart", s.end_time as "sessionEnd", s.status as "sessionStatus",
  s.time_zone as "sessionTimeZone", et.title as "workshopTitle", et.slug as "workshopSlug",
  et.price_cents as "priceCents", et.currency, u.name as "teacherName", et.teacher_id as "teacherId",
  t.name as "tenantName", t.slug as "tenantSlug"`;
const ENTRY_FROM = sql`from waitlist_entries e
  join workshop_sessions s on s.id = e.session_id and s.tenant_id = e.tenant_id
  join workshops w on w.id = e.workshop_id and w.tenant_id = e.tenant_id
  join event_types et on et.id = w.event_type_id and et.tenant_id = e.tenant_id
  join users u on u.id = et.teacher_id
  join tenants t on t.id = e.tenant_id`;

function toEntryView(row: RawRow<EntryView>): EntryView {
  return {
    ...row,
    offeredAt: toDateOrNull(row.offeredAt),
    offerExpiresAt: toDateOrNull(row.offerExpiresAt),
    closedAt: toDateOrNull(row.closedAt),
    createdAt: toDate(row.createdAt),
    updatedAt: toDate(row.updatedAt),
    sessionStart: toDate(row.sessionStart),
    sessionEnd: toDate(row.sessionEnd),
  };
}

/**
 * An entry by its public uid, whatever the tenant (the manage link carries only uid and token), or
 * by id within a tenant (staff).
 */
export async function findEntry(
  db: Executor,
  by: { uid: string } | { tenantId: number; id: number },
): Promise<EntryView | undefined> {
  const where = 'uid' in by ? sql`e.uid = ${by.uid}` : sql`e.tenant_id = ${by.tenantId} and e.id = ${by.id}`;
  const [row] = await queryRows<RawRow<EntryView>>(
    db,
    sql`select ${ENTRY_VIEW} ${ENTRY_FROM} where ${where}`,
  );
  return row && toEntryView(row);
}

/** Every entry of a session: the line in order, then the others, latest first (staff). */
export async function sessionEntries(db: Executor, tenantId: number, sessionId: number, limit: number) {
  const rows = await queryRows<RawRow<EntryView>>(
    db,
    sql`select ${ENTRY_VIEW} ${ENTRY_FROM}
        where e.tenant_id = ${tenantId} and e.session_id = ${sessionId}
        order by case e.status when 'offered' then 0 when 'waiting' then 1 else 2 end,
          case when e.status in ('waiting', 'offered') then e.position end, e.updated_at desc, e.id desc
        limit ${limit}`,
  );
  return rows.map(toEntryView);
}

/** The entry row, locked, by uid or by id within the tenant. */
export async function lockEntry(db: Executor, tenantId: number, by: { uid: string } | { id: number }) {
  const [row] = await queryRows<RawRow<EntryRow>>(
    db,
    sql`select id, uid, tenant_id as "tenantId", workshop_id as "workshopId", session_id as "sessionId",
          position::float8 as position, status, email, name, time_zone as "timeZone",
          immersio_student_id as "immersioStudentId", booking_id as "bookingId", offered_by as "offeredBy",
          offered_at as "offeredAt", offer_expires_at as "offerExpiresAt", left_by as "leftBy",
          closed_at as "closedAt", language, created_at as "createdAt", updated_at as "updatedAt"
        from waitlist_entries
        where tenant_id = ${tenantId} and ${'uid' in by ? sql`uid = ${by.uid}` : sql`id = ${by.id}`}
        for update`,
  );
  return (
    row && {
      ...row,
      offeredAt: toDateOrNull(row.offeredAt),
      offerExpiresAt: toDateOrNull(row.offerExpiresAt),
      closedAt: toDateOrNull(row.closedAt),
      createdAt: toDate(row.createdAt),
      updatedAt: toDate(row.updatedAt),
    }
  );
}

/** Takes an entry off the list (from waiting or offered). */
export async function markLeft(
  db: Executor,
  tenantId: number,
  entryId: number,
  by: 'student' | 'staff',
  now: Date,
) {
  await db.execute(
    sql`update waitlist_entries set status = 'left', left_by = ${by}, closed_at = ${now}, updated_at = ${now}
        where tenant_id = ${tenantId} and id = ${entryId} and status in ('waiting', 'offered')`,
  );
}

/**
 * A paid claim's hold, long enough for Stripe Checkout: on the held booking and on the entry (whose
 * `offerExpiresAt` is the seat's deadline), in one statement.
 */
export async function extendOfferHold(
  db: Executor,
  ids: { tenantId: number; entryId: number; bookingId: number },
  until: Date,
  now: Date,
) {
  await db.execute(
    sql`with held as (
          update bookings set hold_expires_at = ${until}, updated_at = ${now}
          where tenant_id = ${ids.tenantId} and id = ${ids.bookingId} and status = 'pending'
          returning id
        )
        update waitlist_entries set offer_expires_at = ${until}, updated_at = ${now}
        where tenant_id = ${ids.tenantId} and id = ${ids.entryId} and exists (select 1 from held)`,
  );
}

/**
 * Takes one seat of the session for an offer: the same conditional update as a booking's seat
 * (open, not started, a seat free, the workshop active, a capped plan's allowance not used up).
 * An automatic offer also needs the waitlist on, someone waiting and the start more than the
 * cut-off away. Locks the session row, which orders the offers of one session: each next one
 * reads the line after the previous committed. False when no seat was taken.
 */
export async function takeOfferSeat(
  db: Executor,
  s: { tenantId: number; sessionId: number; now: Date; auto: boolean; allowance: Allowance | undefined },
): Promise<boolean> {
  const opensBefore = s.auto ? new Date(s.now.getTime() + OFFER_CUTOFF_MS) : s.now;
  const rows = await queryRows<{ id: number }>(
    db,
    sql`update workshop_sessions s set booked_seats = booked_seats + 1
        where s.id = ${s.sessionId} and s.tenant_id = ${s.tenantId} and s.status = 'scheduled'
          and s.start_time > ${opensBefore} and s.booked_seats < s.seats
          and exists (select 1 from workshops w where w.id = s.workshop_id and w.tenant_id = ${s.tenantId}
                      and w.status = 'active' ${s.auto ? sql`and w.waitlist_enabled` : sql``})
          ${
            s.auto
              ? sql`and exists (select 1 from waitlist_entries e where e.session_id = s.id and e.status = 'waiting')`
              : sql``
          }
          ${s.allowance ? sql`and booking_allowance_used(${s.tenantId}, ${s.allowance.since}) < ${s.allowance.max}` : sql``}
        returning s.id`,
  );
  return rows.length > 0;
}

/**
 * Entries of people who meanwhile hold a seat in the session (they booked it directly, when seats
 * beyond the line were free) leave the line: an offer to them would be a second seat.
 */
export async function closeSeatedEntries(db: Executor, tenantId: number, sessionId: number, now: Date) {
  await db.execute(
    sql`update waitlist_entries e set status = 'left', closed_at = ${now}, updated_at = ${now}
        where e.tenant_id = ${tenantId} and e.session_id = ${sessionId} and e.status = 'waiting'
          and exists (select 1 from bookings b where b.tenant_id = ${tenantId} and b.session_id = ${sessionId}
                        and b.attendee_email = e.email and b.status in ('pending', 'accepted'))`,
  );
}

/** The first in line, locked (after the seat: the line as the previous offer left it). */
export async function lockNextInLine(db: Executor, tenantId: number, sessionId: number) {
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`select id from waitlist_entries
        where tenant_id = ${tenantId} and session_id = ${sessionId} and status = 'waiting'
        order by position limit 1
        for update`,
  );
  return row?.id;
}

/**
 * Writes an offer for the (locked, waiting) entry: the held seat as a pending booking, the entry
 * marked offered with it, and the offer e-mail, in one statement. Returns the booking id.
 */
export async function writeOffer(
  db: Executor,
  o: { booking: NewBooking; entryId: number; offeredBy: 'auto' | 'staff'; messages: BookingMessage[] },
): Promise<number | undefined> {
  const { booking: b } = o;
  const [row] = await queryRows<{ bookingId: number | null; entryId: number | null }>(
    db,
    sql`with seat as (select 1 as taken), ${bookingWrites(b, sql`${b.sessionId}`, o.messages)},
        offered as (
          update waitlist_entries set status = 'offered', booking_id = (select id from booking),
            offered_by = ${o.offeredBy}, offered_at = ${b.now}, offer_expires_at = ${b.holdExpiresAt},
            updated_at = ${b.now}
          where tenant_id = ${b.tenantId} and id = ${o.entryId} and status = 'waiting'
          returning id
        )
        select (select id from booking) as "bookingId", (select id from offered) as "entryId"`,
  );
  return row?.entryId == null ? undefined : (row.bookingId ?? undefined);
}

/** The waiting entries of a session in line order, locked (a staff reorder). */
export async function lockLine(db: Executor, tenantId: number, sessionId: number) {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select id from waitlist_entries
        where tenant_id = ${tenantId} and session_id = ${sessionId} and status = 'waiting'
        order by position
        for update`,
  );
  return rows.map((r) => r.id);
}

/**
 * Puts the waiting entries in the given order: each takes a fresh value of the position sequence
 * (sorted, so the first id gets the lowest), which no other entry holds or will be given.
 */
export async function reorderLine(db: Executor, tenantId: number, ids: number[], now: Date) {
  if (ids.length === 0) return;
  await db.execute(
    sql`with fresh as (
          select array_agg(p order by p) as ps from (
            select nextval(pg_get_serial_sequence('waitlist_entries', 'position')) as p
            from generate_series(1, ${ids.length})) n
        )
        update waitlist_entries e set position = (select ps[o.ord] from fresh), updated_at = ${now}
        from unnest(${`{${ids.join(',')}}`}::int[]) with ordinality as o(id, ord)
        where e.tenant_id = ${tenantId} and e.id = o.id and e.status = 'waiting'`,
  );
}

/** Waiting and offered entries of a session (the roster's counts). */
export async function lineCounts(db: Executor, tenantId: number, sessionId: number) {
  const [row] = await queryRows<{ waiting: number; offered: number }>(
    db,
    sql`select count(*) filter (where status = 'waiting')::int as waiting,
               count(*) filter (where status = 'offered')::int as offered
        from waitlist_entries where tenant_id = ${tenantId} and session_id = ${sessionId}
          and status in ('waiting', 'offered')`,
  );
  return row ?? { waiting: 0, offered: 0 };
}

/** Waiting entries of sessions that have started: nobody will be offered a seat any more. */
export async function closeStartedLines(db: Executor, now: Date) {
  await db.execute(
    sql`update waitlist_entries e set status = 'expired', closed_at = ${now}, updated_at = ${now}
        from workshop_sessions s
        where e.status = 'waiting' and s.id = e.session_id and s.tenant_id = e.tenant_id
          and s.start_time <= ${now}`,
  );
}
