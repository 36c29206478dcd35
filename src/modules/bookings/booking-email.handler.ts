import type { Database } from '../../db/client.ts';
import type { Env } from '../../env.ts';
import type { DeliveryContext } from '../outbox/job-definition.ts';
import { findTenant } from '../tenants/tenant-lookup.ts';
import { findWorkshopById } from './bookable-workshops.repo.ts';
import { notifyContext } from './booking-notify-context.ts';
import { acceptedSeriesBookings, findBookingById } from './bookings.repo.ts';
import { isEnrolmentUid } from './enrolments/enrolment-link.ts';
import { enrolmentConfirmation } from './enrolments/enrolment-notifications.ts';
import { findTenantEnrolment } from './enrolments/enrolments.repo.ts';
import { type BookingEmailJob, confirmationEmail, staffNewBookingEmail } from './notifications.ts';
import { seatsLeft } from './seats.repo.ts';
import { seriesConfirmation } from './series-notifications.ts';

/**
 * Renders a booking e-mail job (`bookingEmailJob`, payload already parsed by the worker) from the
 * booking as it is now and hands it to the e-mail sender. One job is one e-mail, so a retry never
 * repeats another recipient's.
 */
export function bookingEmailHandler(deps: {
  db: Database;
  env: Env & { APP_SECRET: string };
  now: () => Date;
  sendEmail: (payload: unknown) => Promise<void>;
}): (job: BookingEmailJob, ctx: DeliveryContext) => Promise<void> {
  return async ({ bookingId, template, to }, ctx) => {
    if (ctx.tenantId === null) {
      throw Object.assign(new Error('A booking e-mail job needs its tenant'), { permanent: true });
    }
    const booking = await findBookingById(deps.db, ctx.tenantId, bookingId);
    if (!booking) return;
    const [tenant, workshop] = await Promise.all([
      findTenant(deps.db, { id: ctx.tenantId }),
      findWorkshopById(deps.db, ctx.tenantId, booking.workshopId),
    ]);
    if (!tenant || !workshop) return;
    const notify = notifyContext(deps.env, tenant, workshop, deps.now());
    // A series is announced once, listing the occurrences still booked when the e-mail is sent.
    const series = booking.seriesUid
      ? await acceptedSeriesBookings(deps.db, ctx.tenantId, booking.seriesUid)
      : [];
    if (template === 'confirmation') {
      const [first, ...rest] = series;
      // A whole-course enrolment: one confirmation with the enrolment's own manage link.
      if (first && isEnrolmentUid(booking.seriesUid)) {
        const enrolment = await findTenantEnrolment(deps.db, ctx.tenantId, booking.seriesUid);
        if (enrolment) {
          await deps.sendEmail(enrolmentConfirmation(notify, enrolment, [first, ...rest]));
          return;
        }
      }
      await deps.sendEmail(
        first && rest.length > 0
          ? seriesConfirmation(notify, [first, ...rest])
          : confirmationEmail(notify, booking),
      );
      return;
    }
    if (!to) throw Object.assign(new Error('A staff e-mail job needs `to`'), { permanent: true });
    const left = booking.sessionId === null ? 0 : await seatsLeft(deps.db, ctx.tenantId, booking.sessionId);
    await deps.sendEmail(
      staffNewBookingEmail(notify, booking, to, left, series.length > 1 ? series : undefined),
    );
  };
}
