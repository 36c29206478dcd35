import { and, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';
import { bookings } from '../../db/schema/index.ts';

// A booking's own row: finding and locking it, and the changes of status that are not a seat
// being taken (those are in seats.repo.ts). Ending a booking gives its seat back in the same
// statement, so `booked_seats` stays the number of pending and accepted bookings.

const { updatedAt: _updatedAt, ...BOOKING_COLUMNS } = getTableColumns(bookings);

export type BookingRow = Omit<typeof bookings.$inferSelect, 'updatedAt'>;

function selectBookings(db: Executor) {
  return db.select(BOOKING_COLUMNS).from(bookings);
}

/** A booking by its public uid, whatever the tenant: the manage link carries only uid and token. */
export async function findBookingByUid(db: Executor, uid: string): Promise<BookingRow | undefined> {
  const [row] = await selectBookings(db).where(eq(bookings.uid, uid));
  return row;
}

export async function findBookingById(
  db: Executor,
  tenantId: number,
  bookingId: number,
): Promise<BookingRow | undefined> {
  const [row] = await selectBookings(db).where(
    and(eq(bookings.tenantId, tenantId), eq(bookings.id, bookingId)),
  );
  return row;
}

export async function lockBookingByUid(db: Executor, tenantId: number, uid: string) {
  const [row] = await selectBookings(db)
    .where(and(eq(bookings.tenantId, tenantId), eq(bookings.uid, uid)))
    .for('update');
  return row;
}

export async function lockBooking(db: Executor, tenantId: number, bookingId: number) {
  const [row] = await selectBookings(db)
    .where(and(eq(bookings.tenantId, tenantId), eq(bookings.id, bookingId)))
    .for('update');
  return row;
}

export async function lockBookingByCheckout(db: Executor, checkoutSessionId: string) {
  const [row] = await selectBookings(db)
    .where(eq(bookings.stripeCheckoutSessionId, checkoutSessionId))
    .for('update');
  return row;
}

/**
 * The bookings a checkout pays for, locked: the one holding the checkout and, for a recurring
 * slot series, every other occurrence of its series, in time order.
 */
export async function lockCheckoutBookings(db: Executor, checkoutSessionId: string): Promise<BookingRow[]> {
  const lead = await lockBookingByCheckout(db, checkoutSessionId);
  if (!lead?.seriesUid) return lead ? [lead] : [];
  return selectBookings(db)
    .where(and(eq(bookings.tenantId, lead.tenantId), eq(bookings.seriesUid, lead.seriesUid)))
    .orderBy(bookings.startTime, bookings.id)
    .for('update');
}

/** The accepted occurrences of a series, in time order: what its e-mails list. */
export async function acceptedSeriesBookings(
  db: Executor,
  tenantId: number,
  seriesUid: string,
): Promise<BookingRow[]> {
  return selectBookings(db)
    .where(
      and(
        eq(bookings.tenantId, tenantId),
        eq(bookings.seriesUid, seriesUid),
        eq(bookings.status, 'accepted'),
      ),
    )
    .orderBy(bookings.startTime, bookings.id);
}

/** Live bookings of one session: what cancelling the session cancels (`lock` while doing it). */
export async function liveBookingsOfSession(
  db: Executor,
  tenantId: number,
  sessionId: number,
  options: { lock: boolean },
): Promise<BookingRow[]> {
  const live = selectBookings(db)
    .where(
      and(
        eq(bookings.tenantId, tenantId),
        eq(bookings.sessionId, sessionId),
        inArray(bookings.status, ['pending', 'accepted']),
      ),
    )
    .orderBy(bookings.id);
  return options.lock ? live.for('update') : live;
}

export async function setCheckout(
  db: Executor,
  tenantId: number,
  bookingId: number,
  checkout: { id: string; url: string },
) {
  await db
    .update(bookings)
    .set({ stripeCheckoutSessionId: checkout.id, checkoutUrl: checkout.url })
    .where(and(eq(bookings.tenantId, tenantId), eq(bookings.id, bookingId)));
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
  await db
    .update(bookings)
    .set({ status: 'accepted', paid: change.paid, updatedAt: change.now })
    .where(and(eq(bookings.tenantId, tenantId), eq(bookings.id, bookingId)));
}
