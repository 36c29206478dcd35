import { randomBytes } from 'node:crypto';
import { uniqueViolation } from '../../../db/errors.ts';
import { AppError } from '../../../lib/errors.ts';
import { recordLanguage } from '../../../lib/i18n/record-language.ts';
import { EMAIL_KIND } from '../../../lib/mailer.ts';
import { enqueue } from '../../outbox/enqueue.ts';
import { findBookableSession } from '../bookable-session.ts';
import { admitBooking } from '../booking-admission.ts';
import type { BookingsDeps } from '../bookings-deps.ts';
import { insertEntry, lockSessionForJoin } from './waitlist.repo.ts';
import { waitlistJoinedEmail } from './waitlist-emails.ts';
import { OFFER_CUTOFF_MS } from './waitlist-rules.ts';
import { waitlistUrl } from './waitlist-token.ts';

export interface JoinWaitlistInput {
  tenantSlug: string;
  workshopSlug: string;
  startTime: Date;
  attendee: { name: string; email: string; timeZone: string };
  /** A verified Immersio id only (the "Sign in with Immersio" session), as for a booking. */
  immersioStudentId?: string | undefined;
  /** The language the student joins in (issue 18); none: the school's default. */
  language?: string | undefined;
}

export type JoinWaitlistDeps = Pick<
  BookingsDeps,
  'db' | 'env' | 'now' | 'wakeOutbox' | 'payments' | 'catalog'
>;

/**
 * Puts a student at the end of a full session's waitlist. Only a full session has one: when a
 * seat is free beyond those already waiting, the answer is 409 "book instead". The session row is
 * held `for share` while the entry is written, so a seat freed at the same moment is either seen
 * here (and refused) or sees this entry (and is offered to the line).
 */
export async function joinWaitlist(deps: JoinWaitlistDeps, input: JoinWaitlistInput) {
  const now = deps.now();
  const { tenant, workshop, target } = await findBookableSession(deps, input, now);
  if (workshop.bookingMode === 'slots' || target.kind !== 'session') {
    throw new AppError('CONFLICT', 'This class is booked by time: please choose another free time');
  }
  const email = input.attendee.email.trim().toLowerCase();
  const immersioStudentId = input.immersioStudentId?.trim() || undefined;
  // The whitelist applies, and a paid class must be payable once a seat is offered.
  await admitBooking(deps, { tenant, workshop, email, immersioStudentId });

  const uid = `wait_${randomBytes(10).toString('hex')}`;
  const manageUrl = waitlistUrl(deps.env, uid);
  let place: number;
  try {
    place = await deps.db.transaction(async (tx) => {
      const session = await lockSessionForJoin(tx, tenant.id, target.session.id, email);
      if (session?.workshopStatus !== 'active') throw new AppError('WORKSHOP_NOT_FOUND');
      if (session.status !== 'scheduled') throw new AppError('BOOKING_CLOSED', 'This session was cancelled');
      if (!session.waitlistEnabled) throw new AppError('CONFLICT', 'This class has no waitlist');
      if (session.startTime.getTime() - now.getTime() <= OFFER_CUTOFF_MS) {
        throw new AppError('BOOKING_CLOSED', 'The waitlist closes an hour before the session starts');
      }
      if (session.booked) throw new AppError('CONFLICT', `${email} already has a seat in this session`);
      if (session.seats - session.bookedSeats > session.waiting) {
        throw new AppError(
          'CONFLICT',
          'This session has free seats: book one instead of joining the waitlist',
        );
      }
      const entry = await insertEntry(tx, {
        uid,
        tenantId: tenant.id,
        workshopId: workshop.workshopId,
        sessionId: session.id,
        email,
        name: input.attendee.name.trim(),
        timeZone: input.attendee.timeZone,
        immersioStudentId: immersioStudentId ?? null,
        language: recordLanguage(input.language, tenant),
        now,
      });
      await enqueue(tx, {
        kind: EMAIL_KIND,
        tenantId: tenant.id,
        payload: waitlistJoinedEmail({
          tenantName: tenant.name,
          title: workshop.title,
          startTime: session.startTime,
          endTime: session.endTime,
          attendee: {
            name: input.attendee.name.trim(),
            email,
            timeZone: input.attendee.timeZone,
            // The language the entry was just stored with (issue 18).
            language: recordLanguage(input.language, tenant),
          },
          manageUrl,
          place: entry.place,
        }),
      });
      return entry.place;
    });
  } catch (error) {
    if (uniqueViolation(error) === 'waitlist_entries_session_email_live_uq') {
      throw new AppError('CONFLICT', `${email} is already on the waitlist for this session`);
    }
    throw error;
  }
  deps.wakeOutbox();
  return { entry: { uid, status: 'waiting' as const, position: place }, manageUrl };
}
