import { randomBytes } from 'node:crypto';
import { AppError } from '../../../lib/errors.ts';
import { recordLanguage } from '../../../lib/i18n/record-language.ts';
import { PLANS } from '../../tenants/plans.ts';
import { bookingAnswersOrThrow } from '../../workshops/booking-answers.ts';
import { storedQuestions } from '../../workshops/question-settings.ts';
import { admitBooking, monthlyAllowance } from '../booking-admission.ts';
import { notifyContext } from '../booking-notify-context.ts';
import type { BookingsDeps } from '../bookings-deps.ts';
import { bookingConfirmedMessages } from '../notifications.ts';
import { holdExpiry, startPaidCheckout } from '../paid-booking-checkout.ts';
import { announceSeatChanges } from '../seat-changes.ts';
import type { NewBooking } from '../seats.repo.ts';
import { ENROLMENT_UID_PREFIX, enrolmentManageUrl } from './enrolment-link.ts';
import { enrolmentPrice } from './enrolment-price.ts';
import { courseSessions } from './enrolments.repo.ts';
import { reserveCourseSeats } from './reserve-course-seats.ts';

export interface CreateEnrolmentInput {
  tenantSlug: string;
  workshopSlug: string;
  attendee: { name: string; email: string; timeZone: string };
  /** A verified Immersio student id only (see CreateBookingInput). */
  immersioStudentId?: string | undefined;
  registrationSource?: string;
  /** The answers to the workshop's questions, unchecked (see booking-answers.ts): one set for all sessions. */
  answers?: unknown;
  /** The language the student enrols in (issue 18); none: the school's default. */
  language?: string | undefined;
}

export type CreateEnrolmentDeps = Pick<
  BookingsDeps,
  'db' | 'env' | 'bus' | 'logger' | 'now' | 'wakeOutbox' | 'payments' | 'catalog'
>;

const newUid = (prefix: string) => `${prefix}${randomBytes(10).toString('hex')}`;

/**
 * Enrols a student in every remaining session of a fixed-schedule course at once: one booking per
 * upcoming scheduled session, all taken in one transaction or none (409 NO_SEATS_AVAILABLE naming
 * the full session). Free: confirmed at once. Paid: every seat held while the student pays the
 * whole amount (the sessions' prices, or the pro-rated course price) at one Stripe Checkout, kept
 * on the first session's booking; the webhook confirms them all (as a recurring slot series).
 */
export async function createEnrolment(deps: CreateEnrolmentDeps, input: CreateEnrolmentInput) {
  const now = deps.now();
  const tenant = await deps.catalog.tenant(input.tenantSlug);
  if (!tenant) throw new AppError('TENANT_NOT_FOUND');
  const workshop = await deps.catalog.workshop(tenant.id, input.workshopSlug);
  if (workshop?.status !== 'active') throw new AppError('WORKSHOP_NOT_FOUND');
  if (workshop.bookingMode === 'slots') {
    throw new AppError(
      'CONFLICT',
      `"${workshop.title}" is booked by time slot: book a slot instead (a recurring one books its whole series)`,
    );
  }
  if (workshop.enrolment === 'session') {
    throw new AppError(
      'CONFLICT',
      `"${workshop.title}" is booked one session at a time: book a session instead`,
    );
  }
  const answers = bookingAnswersOrThrow(storedQuestions(workshop.questions), input.answers);
  // Read now rather than from the catalogue: the course's size prices the enrolment.
  const course = await courseSessions(deps.db, tenant.id, workshop.workshopId);
  const remaining = course.filter((s) => s.startTime > now);
  if (remaining.length === 0) {
    throw new AppError('BOOKING_CLOSED', `"${workshop.title}" has no upcoming sessions to enrol in`);
  }
  const price = enrolmentPrice({
    sessionPriceCents: workshop.priceCents,
    coursePriceCents: workshop.coursePriceCents,
    remaining: remaining.length,
    total: course.length,
  });
  const email = input.attendee.email.trim().toLowerCase();
  const immersioStudentId = input.immersioStudentId?.trim() || undefined;
  // The whitelist, and Stripe when the enrolment (not a single session) costs something.
  const { paid } = await admitBooking(deps, {
    tenant,
    workshop: { ...workshop, priceCents: price.amountCents },
    email,
    immersioStudentId,
  });

  const uid = newUid(ENROLMENT_UID_PREFIX);
  const holdExpiresAt = paid ? holdExpiry(now) : null;
  const attendee = {
    attendeeEmail: email,
    attendeeName: input.attendee.name.trim(),
    attendeeTimeZone: input.attendee.timeZone,
    immersioStudentId: immersioStudentId ?? null,
    registrationSource: input.registrationSource ?? 'public',
    language: recordLanguage(input.language, tenant),
  };
  const ctx = notifyContext(deps.env, tenant, workshop, now);
  const made = remaining.map((session, index) => {
    const booking: NewBooking = {
      uid: newUid('booking_'),
      tenantId: tenant.id,
      workshopId: workshop.workshopId,
      sessionId: session.id,
      title: workshop.title,
      startTime: session.startTime,
      endTime: session.endTime,
      status: paid ? 'pending' : 'accepted',
      amountCents: price.shares[index]!,
      currency: workshop.currency,
      holdExpiresAt,
      seriesUid: uid,
      // On every session's booking: rosters, exports and BOOKING_CREATED read them there.
      answers,
      now,
      ...attendee,
    };
    // A paid enrolment is announced by the webhook that confirms it; the first session's
    // e-mails announce the whole enrolment.
    const messages = paid
      ? []
      : bookingConfirmedMessages(
          ctx,
          { ...booking, paid: false },
          { stripePaymentId: null, emails: index === 0 },
        );
    return { booking, timeZone: session.timeZone, messages };
  });
  const plan = PLANS[tenant.plan];
  const ids = await reserveCourseSeats(deps, {
    enrolment: {
      uid,
      tenantId: tenant.id,
      workshopId: workshop.workshopId,
      sessionCount: remaining.length,
      courseSessions: course.length,
      coursePriceCents: workshop.coursePriceCents,
      amountCents: price.amountCents,
      currency: workshop.currency,
      now,
      ...attendee,
    },
    bookings: made,
    plan,
    allowance: monthlyAllowance(plan, tenant.timeZone, now),
  });
  await announceSeatChanges(deps, [tenant.id], !paid);

  const manageUrl = enrolmentManageUrl(deps.env, uid);
  const status = paid ? ('pending' as const) : ('accepted' as const);
  const answer = {
    enrolment: {
      uid,
      status,
      sessionCount: remaining.length,
      courseSessions: course.length,
      amount: price.amountCents,
      currency: workshop.currency,
    },
    bookings: made.map(({ booking }) => ({
      uid: booking.uid,
      title: booking.title,
      startTime: booking.startTime,
      endTime: booking.endTime,
      status,
      amount: booking.amountCents,
      paid: false,
    })),
    manageUrl,
  };
  if (!paid) return { ...answer, payment: null };

  const first = made[0]!.booking;
  const checkout = await startPaidCheckout(deps, {
    tenant,
    plan,
    booking: {
      ...first,
      id: ids[0]!,
      amountCents: price.amountCents,
      title: `${workshop.title} (whole course, ${remaining.length} sessions)`,
    },
    heldIds: ids,
    expiresAt: holdExpiresAt!,
    manageUrl,
  });
  return {
    ...answer,
    payment: {
      checkoutUrl: checkout.url,
      amount: price.amountCents,
      currency: workshop.currency,
      expiresAt: holdExpiresAt!,
    },
  };
}
