import { randomBytes } from 'node:crypto';
import { uniqueViolation } from '../../../db/errors.ts';
import { AppError } from '../../../lib/errors.ts';
import { EMAIL_KIND } from '../../../lib/mailer.ts';
import { PLANS } from '../../tenants/plans.ts';
import { findTenant } from '../../tenants/tenant-lookup.ts';
import { type BookableWorkshop, findWorkshopById } from '../bookable-workshops.repo.ts';
import { monthlyAllowance } from '../booking-admission.ts';
import type { BookingTenant } from '../booking-tenant.ts';
import type { BookingsDeps } from '../bookings-deps.ts';
import { announceSeatChanges } from '../seat-changes.ts';
import {
  closeSeatedEntries,
  findLineSession,
  type LineSession,
  lockEntry,
  lockNextInLine,
  takeOfferSeat,
  writeOffer,
} from './waitlist.repo.ts';
import { seatOfferedEmail } from './waitlist-emails.ts';
import { OFFER_CUTOFF_MS } from './waitlist-rules.ts';
import { waitlistUrl } from './waitlist-token.ts';

export type OfferSeatsDeps = Pick<BookingsDeps, 'db' | 'env' | 'now' | 'bus' | 'wakeOutbox'>;

/** A session's line can never be longer than this many offers in one run (a guard, not a rule). */
const MAX_OFFERS_PER_RUN = 1000;

/**
 * Until when an offer made now holds its seat: the workshop's offer window, never past the
 * cut-off before the start. A staff offer made after the cut-off runs until the start.
 */
export function offerExpiry(now: Date, start: Date, minutes: number): Date {
  const window = now.getTime() + minutes * 60_000;
  const cutoff = start.getTime() - OFFER_CUTOFF_MS;
  return new Date(Math.min(window, cutoff > now.getTime() ? cutoff : start.getTime()));
}

/**
 * The `waitlist.offer` job: as long as the session has a free seat and someone waiting, the
 * first in line gets one (each offer its own transaction). Returns how many were offered.
 */
export async function offerFreedSeats(deps: OfferSeatsDeps, input: { tenantId: number; sessionId: number }) {
  const session = await findLineSession(deps.db, input.tenantId, input.sessionId);
  if (!session?.waitlistEnabled || session.status !== 'scheduled') return 0;
  const parts = await offerParts(deps, session);
  let offered = 0;
  let racedSeats = 0;
  while (offered < MAX_OFFERS_PER_RUN) {
    const outcome = await offerOnce(deps, parts, { auto: true });
    if (outcome === 'none') break;
    if (outcome === 'raced') {
      // The person booked the session directly meanwhile: their entry leaves the line next time.
      if (++racedSeats > 3) break;
      continue;
    }
    offered += 1;
  }
  if (offered > 0) await announceSeatChanges(deps, [input.tenantId], true);
  return offered;
}

/**
 * A staff member offers a seat to one waiting entry now, out of turn: a seat must be free (the
 * offer takes it like any booking), and the entry must still be waiting.
 */
export async function offerSeatToEntry(deps: OfferSeatsDeps, session: LineSession, entryId: number) {
  const parts = await offerParts(deps, session);
  const outcome = await offerOnce(deps, parts, { auto: false, entryId });
  if (outcome === 'none') throw new AppError('NO_SEATS_AVAILABLE', 'No seat is free in this session');
  if (outcome === 'raced') throw new AppError('CONFLICT', 'This student already has a seat in this session');
  await announceSeatChanges(deps, [session.tenantId], true);
  return outcome;
}

interface OfferParts {
  session: LineSession;
  tenant: BookingTenant;
  workshop: BookableWorkshop;
}

async function offerParts(deps: OfferSeatsDeps, session: LineSession): Promise<OfferParts> {
  const [tenant, workshop] = await Promise.all([
    findTenant(deps.db, { id: session.tenantId }),
    findWorkshopById(deps.db, session.tenantId, session.workshopId),
  ]);
  return { session, tenant: tenant!, workshop: workshop! };
}

class NoOffer extends Error {}

/**
 * One offer in one transaction: the seat first (its row lock orders the offers of the session),
 * then the entry, then the held booking, the entry's offer and the e-mail. Nothing is kept when
 * any step finds nothing to do.
 */
async function offerOnce(
  deps: OfferSeatsDeps,
  { session, tenant, workshop }: OfferParts,
  how: { auto: true } | { auto: false; entryId: number },
): Promise<{ bookingId: number; expiresAt: Date } | 'none' | 'raced'> {
  const now = deps.now();
  const expiresAt = offerExpiry(now, session.startTime, session.offerMinutes);
  const ids = { tenantId: session.tenantId, sessionId: session.id };
  try {
    return await deps.db.transaction(async (tx) => {
      const allowance = monthlyAllowance(PLANS[tenant.plan], tenant.timeZone, now);
      if (!(await takeOfferSeat(tx, { ...ids, now, auto: how.auto, allowance }))) throw new NoOffer();
      await closeSeatedEntries(tx, ids.tenantId, ids.sessionId, now);
      const entryId = how.auto ? await lockNextInLine(tx, ids.tenantId, ids.sessionId) : how.entryId;
      const entry = entryId === undefined ? undefined : await lockEntry(tx, ids.tenantId, { id: entryId });
      if (!entry || entry.sessionId !== session.id) throw new NoOffer();
      if (entry.status !== 'waiting') {
        throw new AppError(
          'CONFLICT',
          entry.status === 'left' ? 'This student has left the waitlist' : `This entry is ${entry.status}`,
        );
      }
      const bookingId = await writeOffer(tx, {
        entryId: entry.id,
        offeredBy: how.auto ? 'auto' : 'staff',
        booking: {
          uid: `booking_${randomBytes(10).toString('hex')}`,
          tenantId: ids.tenantId,
          workshopId: session.workshopId,
          sessionId: session.id,
          title: workshop.title,
          startTime: session.startTime,
          endTime: session.endTime,
          status: 'pending',
          attendeeEmail: entry.email,
          attendeeName: entry.name,
          attendeeTimeZone: entry.timeZone,
          amountCents: workshop.priceCents,
          currency: workshop.currency,
          immersioStudentId: entry.immersioStudentId,
          registrationSource: 'waitlist',
          // The offer's booking is in the language the student joined the line in.
          language: entry.language,
          holdExpiresAt: expiresAt,
          now,
        },
        messages: [
          {
            kind: EMAIL_KIND,
            payload: seatOfferedEmail({
              tenantName: tenant.name,
              title: workshop.title,
              startTime: session.startTime,
              endTime: session.endTime,
              attendee: {
                name: entry.name,
                email: entry.email,
                timeZone: entry.timeZone,
                language: entry.language,
              },
              manageUrl: waitlistUrl(deps.env, entry.uid),
              expiresAt,
              price:
                workshop.priceCents > 0 ? { amount: workshop.priceCents, currency: workshop.currency } : null,
            }),
          },
        ],
      });
      if (bookingId === undefined) throw new NoOffer();
      return { bookingId, expiresAt };
    });
  } catch (error) {
    if (error instanceof NoOffer) return 'none';
    if (uniqueViolation(error) === 'bookings_session_email_live_uq') return 'raced';
    throw error;
  }
}
