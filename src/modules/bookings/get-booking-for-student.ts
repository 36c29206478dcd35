import type { Database } from '../../db/client.ts';
import type { Env } from '../../env.ts';
import { workshopBookingUrl } from '../../lib/public-urls.ts';
import { findBookingPass } from '../passes/pass-credits.ts';
import { LOCATION_LABELS } from '../public/public.service.ts';
import { findTenant } from '../tenants/tenant-lookup.ts';
import { type BookableWorkshop, findWorkshopById } from './bookable-workshops.repo.ts';
import type { BookingRow } from './bookings.repo.ts';
import { revealedLocation } from './notifications.ts';
import { latestRefund } from './payments/refunds.repo.ts';
import { type CancellationTerms, cancellationTerms } from './policy.ts';
import { loadStudentBooking } from './student-booking.ts';

export interface GetBookingForStudentDeps {
  db: Database;
  env: Env & { APP_SECRET: string };
  now: () => Date;
}

/** What the manage link shows: the booking, where it happens (once confirmed) and the policy now. */
export async function getBookingForStudent(deps: GetBookingForStudentDeps, uid: string, token: string) {
  const booking = await loadStudentBooking(deps, uid, token);
  const [tenant, workshop, refund, pass] = await Promise.all([
    findTenant(deps.db, { id: booking.tenantId }),
    findWorkshopById(deps.db, booking.tenantId, booking.workshopId),
    latestRefund(deps.db, booking.tenantId, booking.id),
    // Only a class pass makes a booking paid for nothing.
    booking.paid && booking.amountCents === 0
      ? findBookingPass(deps.db, booking.tenantId, booking.id)
      : undefined,
  ]);
  const now = deps.now();
  const terms = cancellationTerms(now, booking.startTime, workshop!, booking.freeCancelUntil);
  const live = booking.status === 'pending' || booking.status === 'accepted';
  const canCancel = live && terms.allowed && booking.startTime > now;
  return {
    booking: {
      uid: booking.uid,
      status: booking.status,
      title: booking.title,
      startTime: booking.startTime,
      endTime: booking.endTime,
      paid: booking.paid,
      attendee: {
        name: booking.attendeeName,
        email: booking.attendeeEmail,
        timeZone: booking.attendeeTimeZone,
      },
      cancelledAt: booking.cancelledAt,
      cancelledBy: booking.cancelledBy,
      /** Beyond the spec: the calendar invite's revision, raised by every move (SEQUENCE). */
      icsSequence: booking.icsSequence,
      cancellationReason: booking.cancellationReason,
    },
    tenant: { name: tenant!.name, slug: tenant!.slug },
    workshop: {
      title: workshop!.title,
      slug: workshop!.slug,
      duration: workshop!.duration,
      teacher: { name: workshop!.teacherName },
      bookingUrl: workshopBookingUrl(deps.env, tenant!.slug, workshop!.teacherName, workshop!.slug),
      location: shownLocation(booking, workshop!),
    },
    payment: paymentView(booking),
    /** Beyond the spec: the class pass whose credit paid for it; `returned` once a cancellation gave it back. */
    pass: pass ?? null,
    refund: refund
      ? {
          status: refund.status === 'succeeded' ? ('completed' as const) : refund.status,
          amount: refund.amount,
          currency: refund.currency,
        }
      : null,
    cancellation: cancellationView(booking, workshop!, terms, canCancel),
    /** Beyond the spec (issue 18): the language the student booked in, for their pages and e-mails. */
    language: booking.language,
  };
}

/** The meeting link or address only for a confirmed seat; before that, only its kind. */
function shownLocation(booking: BookingRow, workshop: BookableWorkshop) {
  return booking.status === 'accepted'
    ? revealedLocation(workshop.locations)
    : {
        type: workshop.locations[0]?.type ?? 'link',
        value: LOCATION_LABELS[workshop.locations[0]?.type ?? ''] ?? '',
      };
}

function paymentView(booking: BookingRow) {
  if (booking.amountCents <= 0) return null;
  return {
    amount: booking.amountCents,
    currency: booking.currency,
    status: booking.paid ? 'paid' : booking.status === 'pending' ? 'awaiting_payment' : 'unpaid',
    checkoutUrl: booking.status === 'pending' ? booking.checkoutUrl : null,
    expiresAt: booking.status === 'pending' ? booking.holdExpiresAt : null,
  };
}

function cancellationView(
  booking: BookingRow,
  workshop: BookableWorkshop,
  terms: CancellationTerms,
  canCancel: boolean,
) {
  const refundable = canCancel && booking.paid && terms.withinRefundWindow;
  return {
    allowed: canCancel,
    deadline: terms.deadline,
    refundEligible: refundable,
    refundDeadline: terms.refundDeadline,
    refundAmount: refundable ? booking.amountCents : 0,
    policy: {
      cancellationNoticeHours: workshop.cancellationNoticeHours,
      refundWindowHours: workshop.refundWindowHours,
    },
  };
}
