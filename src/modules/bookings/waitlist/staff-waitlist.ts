import { AppError } from '../../../lib/errors.ts';
import { lockBooking } from '../bookings.repo.ts';
import type { BookingsDeps } from '../bookings-deps.ts';
import { announceSeatChanges } from '../seat-changes.ts';
import { type Actor, staffRoleOn } from '../staff-access.ts';
import { takeOffLine } from './leave-waitlist.ts';
import { type OfferSeatsDeps, offerSeatToEntry } from './offer-seats.ts';
import {
  type EntryView,
  findEntry,
  findLineSession,
  lockEntry,
  lockLine,
  reorderLine,
  sessionEntries,
} from './waitlist.repo.ts';
import { statusNow } from './waitlist-entry-view.ts';

// The staff's side of a session's waitlist: see it, reorder it, offer a seat by hand, take
// someone off. An admin, or the teacher of the session's workshop (as for its bookings).

/** A session's entries shown at once; a line is far shorter (seats are at most 100). */
const LIST_LIMIT = 500;

export type StaffWaitlistDeps = Pick<BookingsDeps, 'db' | 'env' | 'now' | 'bus' | 'wakeOutbox'>;

function staffEntry(entry: EntryView, now: Date) {
  const status = statusNow(entry, now);
  return {
    id: entry.id,
    uid: entry.uid,
    status,
    position: status === 'waiting' ? entry.place : null,
    name: entry.name,
    email: entry.email,
    timeZone: entry.timeZone,
    bookingId: entry.bookingId,
    offeredBy: entry.offeredBy,
    offeredAt: entry.offeredAt,
    offerExpiresAt: entry.offerExpiresAt,
    leftBy: entry.leftBy,
    createdAt: entry.createdAt,
  };
}

async function sessionFor(deps: { db: StaffWaitlistDeps['db'] }, actor: Actor, sessionId: number) {
  const session = await findLineSession(deps.db, actor.tenantId, sessionId);
  if (!session) throw new AppError('NOT_FOUND', 'Session not found');
  staffRoleOn(actor, session.teacherId);
  return session;
}

async function entryFor(deps: { db: StaffWaitlistDeps['db'] }, actor: Actor, entryId: number) {
  const entry = await findEntry(deps.db, { tenantId: actor.tenantId, id: entryId });
  if (!entry) throw new AppError('NOT_FOUND', 'Waitlist entry not found');
  staffRoleOn(actor, entry.teacherId);
  return entry;
}

/** The session's line in order (offered first), then those who left or whose offer ended. */
export async function listWaitlist(
  deps: Pick<StaffWaitlistDeps, 'db' | 'now'>,
  actor: Actor & { sessionId: number },
) {
  const session = await sessionFor(deps, actor, actor.sessionId);
  const now = deps.now();
  const entries = (await sessionEntries(deps.db, actor.tenantId, session.id, LIST_LIMIT)).map((e) =>
    staffEntry(e, now),
  );
  return {
    session: {
      id: session.id,
      seats: session.seats,
      bookedSeats: session.bookedSeats,
      startTime: session.startTime,
    },
    waitlistEnabled: session.waitlistEnabled,
    offerMinutes: session.offerMinutes,
    waitingCount: entries.filter((e) => e.status === 'waiting').length,
    entries,
  };
}

/** Moves a waiting entry to `position` (1 = next in line; past the end = last). */
export async function moveWaitlistEntry(
  deps: Pick<StaffWaitlistDeps, 'db' | 'now'>,
  actor: Actor & { entryId: number; position: number },
) {
  const found = await entryFor(deps, actor, actor.entryId);
  const now = deps.now();
  const place = await deps.db.transaction(async (tx) => {
    const line = await lockLine(tx, actor.tenantId, found.sessionId);
    const from = line.indexOf(found.id);
    if (from < 0) throw new AppError('CONFLICT', 'Only a waiting entry can be moved');
    const to = Math.min(Math.max(actor.position, 1), line.length) - 1;
    line.splice(from, 1);
    line.splice(to, 0, found.id);
    await reorderLine(tx, actor.tenantId, line, now);
    return to + 1;
  });
  return { success: true, position: place };
}

/** Offers the entry a free seat now, out of turn (409 NO_SEATS_AVAILABLE when none is free). */
export async function offerWaitlistSeat(deps: OfferSeatsDeps, actor: Actor & { entryId: number }) {
  const found = await entryFor(deps, actor, actor.entryId);
  if (found.status !== 'waiting')
    throw new AppError('CONFLICT', `This entry is ${found.status}, not waiting`);
  const session = await sessionFor(deps, actor, found.sessionId);
  if (session.status !== 'scheduled' || session.startTime <= deps.now()) {
    throw new AppError('BOOKING_CLOSED', 'This session is no longer open');
  }
  const offer = await offerSeatToEntry(deps, session, found.id);
  return { success: true, bookingId: offer.bookingId, offerExpiresAt: offer.expiresAt };
}

/** Takes an entry off the line; an offered seat goes back (and on to the next in line). */
export async function removeWaitlistEntry(deps: StaffWaitlistDeps, actor: Actor & { entryId: number }) {
  const found = await entryFor(deps, actor, actor.entryId);
  const by = staffRoleOn(actor, found.teacherId);
  const now = deps.now();
  const removed = await deps.db.transaction(async (tx) => {
    // Booking first, then entry: the order every other writer of an offer locks them in.
    if (found.bookingId !== null) await lockBooking(tx, actor.tenantId, found.bookingId);
    const entry = (await lockEntry(tx, actor.tenantId, { id: found.id }))!;
    return takeOffLine(tx, entry, { leftBy: 'staff', cancelledBy: by }, now);
  });
  if (!removed) throw new AppError('CONFLICT', 'This entry is no longer on the waitlist');
  await announceSeatChanges(deps, [actor.tenantId], true);
  return { success: true };
}
