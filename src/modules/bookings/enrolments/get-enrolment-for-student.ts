import type { Database } from '../../../db/client.ts';
import type { Env } from '../../../env.ts';
import { workshopBookingUrl } from '../../../lib/public-urls.ts';
import { LOCATION_LABELS } from '../../public/public.service.ts';
import { findTenant } from '../../tenants/tenant-lookup.ts';
import { findWorkshopById } from '../bookable-workshops.repo.ts';
import { revealedLocation } from '../notifications.ts';
import { planEnrolmentCancellation, plannedRefundCents } from './enrolment-cancellation.ts';
import { enrolmentStatus } from './enrolment-status.ts';
import { enrolmentBookings, latestRefunds } from './enrolments.repo.ts';
import { loadStudentEnrolment } from './student-enrolment.ts';

export interface GetEnrolmentForStudentDeps {
  db: Database;
  env: Env & { APP_SECRET: string };
  now: () => Date;
}

/**
 * What the enrolment's manage link shows: the course, every session with its state and refund,
 * the payment, and what cancelling now would do (which sessions, what refund).
 */
export async function getEnrolmentForStudent(deps: GetEnrolmentForStudentDeps, uid: string, token: string) {
  const enrolment = await loadStudentEnrolment(deps, uid, token);
  const { tenantId } = enrolment;
  const [tenant, workshop, bookings] = await Promise.all([
    findTenant(deps.db, { id: tenantId }),
    findWorkshopById(deps.db, tenantId, enrolment.workshopId),
    enrolmentBookings(deps.db, tenantId, enrolment.uid),
  ]);
  const refunds = await latestRefunds(
    deps.db,
    tenantId,
    bookings.map((b) => b.id),
  );
  const now = deps.now();
  const status = enrolmentStatus(enrolment.cancelledAt, bookings);
  const plan = planEnrolmentCancellation(bookings, workshop!, now, 'student');
  const lead = bookings.find((b) => b.stripeCheckoutSessionId !== null) ?? bookings[0];
  const confirmed = bookings.some((b) => b.status === 'accepted');
  const location = workshop!.locations[0];
  return {
    enrolment: {
      uid: enrolment.uid,
      status,
      sessionCount: enrolment.sessionCount,
      courseSessions: enrolment.courseSessions,
      amount: enrolment.amountCents,
      currency: enrolment.currency,
      attendee: {
        name: enrolment.attendeeName,
        email: enrolment.attendeeEmail,
        timeZone: enrolment.attendeeTimeZone,
      },
      createdAt: enrolment.createdAt,
      cancelledAt: enrolment.cancelledAt,
      cancelledBy: enrolment.cancelledBy,
      cancellationReason: enrolment.cancellationReason,
    },
    tenant: { name: tenant!.name, slug: tenant!.slug },
    workshop: {
      title: workshop!.title,
      slug: workshop!.slug,
      duration: workshop!.duration,
      teacher: { name: workshop!.teacherName },
      bookingUrl: workshopBookingUrl(deps.env, tenant!.slug, workshop!.teacherName, workshop!.slug),
      // The meeting link or address only once a seat is confirmed.
      location: confirmed
        ? revealedLocation(workshop!.locations)
        : { type: location?.type ?? 'link', value: LOCATION_LABELS[location?.type ?? ''] ?? '' },
    },
    payment:
      enrolment.amountCents <= 0 || !lead
        ? null
        : {
            amount: enrolment.amountCents,
            currency: enrolment.currency,
            status: lead.paid ? 'paid' : lead.status === 'pending' ? 'awaiting_payment' : 'unpaid',
            checkoutUrl: lead.status === 'pending' ? lead.checkoutUrl : null,
            expiresAt: lead.status === 'pending' ? lead.holdExpiresAt : null,
          },
    sessions: bookings.map((b) => {
      const refund = refunds.get(b.id);
      return {
        uid: b.uid,
        startTime: b.startTime,
        endTime: b.endTime,
        status: b.status,
        amount: b.amountCents,
        refund: refund
          ? {
              status: refund.status === 'succeeded' ? ('completed' as const) : refund.status,
              amount: refund.amountCents,
              currency: refund.currency,
            }
          : null,
      };
    }),
    cancellation: {
      allowed: enrolment.cancelledAt === null && plan.cancel.length > 0,
      /** The sessions cancelling now would cancel, and those that would stay booked. */
      sessionsCancelled: plan.cancel.map((c) => c.booking.uid),
      sessionsKept: plan.kept.map((b) => b.uid),
      refundAmount: enrolment.cancelledAt === null ? plannedRefundCents(plan) : 0,
      policy: {
        cancellationNoticeHours: workshop!.cancellationNoticeHours,
        refundWindowHours: workshop!.refundWindowHours,
      },
    },
    /** Beyond the spec (issue 18): the language the student enrolled in (its bookings'). */
    language: lead?.language ?? 'en',
  };
}

export type EnrolmentView = Awaited<ReturnType<typeof getEnrolmentForStudent>>;
