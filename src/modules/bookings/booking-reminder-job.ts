import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import type { Env } from '../../env.ts';
import { dbId } from '../../lib/boundary.schema.ts';
import { enqueueJob } from '../outbox/enqueue.ts';
import { type DeliveryContext, defineJob } from '../outbox/job-definition.ts';
import { findTenant } from '../tenants/tenant-lookup.ts';
import { findWorkshopById } from './bookable-workshops.repo.ts';
import { findBookingById } from './bookings.repo.ts';
import { bookingReminderEmail } from './emails/booking-reminder-email.ts';
import { emailBooking, icsUid, manageUrl, organizerEmail, revealedLocation } from './notifications.ts';
import { claimReminder, reminderOffsets } from './reminders.repo.ts';
import { schoolMessage } from './school-message.ts';

/**
 * One reminder of one booking, planned for the start it had then. The rows are written by the
 * `booking_reminders_plan` trigger (migration 0027) whenever a booking is confirmed or changes
 * time, so a moved booking already has rows for its new start and a stale one is dropped here.
 */
const MINUTE_MS = 60_000;
/** A reminder may go this much before its time (clock skew between the database and the service). */
const EARLY_TOLERANCE_MS = MINUTE_MS;

const reminderPayload = z.object({
  bookingId: dbId(),
  offsetMinutes: z.number().int(),
  /** The start the reminder was planned for, in epoch milliseconds (as the trigger writes it). */
  startTimeMs: z.number().int(),
});

export type ReminderJob = z.output<typeof reminderPayload>;

export const bookingReminderJob = defineJob({
  kind: 'booking.reminder',
  payload: reminderPayload,
  handle: (payload, ctx: DeliveryContext, send: (job: ReminderJob, ctx: DeliveryContext) => Promise<void>) =>
    send(payload, ctx),
});

/** Re-checks the booking when the reminder is due and sends it at most once. */
export function bookingReminderHandler(deps: {
  db: Database;
  env: Env & { APP_SECRET: string };
  now: () => Date;
  sendEmail: (payload: unknown) => Promise<void>;
}): (job: ReminderJob, ctx: DeliveryContext) => Promise<void> {
  return async ({ bookingId, offsetMinutes, startTimeMs }, ctx) => {
    if (ctx.tenantId === null) {
      throw Object.assign(new Error('A reminder job needs its tenant'), { permanent: true });
    }
    const tenantId = ctx.tenantId;
    const now = deps.now();
    const booking = await findBookingById(deps.db, tenantId, bookingId);
    // No longer live, moved (its new start has its own rows), or already begun: nothing to remind.
    if (booking?.status !== 'accepted') return;
    if (booking.startTime.getTime() !== startTimeMs || booking.startTime <= now) return;
    // Claimed early (the database's clock ahead of the service's): planned again for its time.
    const due = new Date(startTimeMs - offsetMinutes * MINUTE_MS);
    if (due.getTime() - now.getTime() > EARLY_TOLERANCE_MS) {
      await enqueueJob(
        deps.db,
        bookingReminderJob,
        { bookingId, offsetMinutes, startTimeMs },
        { tenantId, runAt: due },
      );
      return;
    }
    const [tenant, workshop, offsets] = await Promise.all([
      findTenant(deps.db, { id: tenantId }),
      findWorkshopById(deps.db, tenantId, booking.workshopId),
      reminderOffsets(deps.db, tenantId, booking.workshopId),
    ]);
    if (!tenant || !workshop || !offsets.includes(offsetMinutes)) return;
    const email = bookingReminderEmail({
      tenant: { name: tenant.name },
      booking: emailBooking(booking),
      location: revealedLocation(workshop.locations, booking.language),
      teacher: { name: workshop.teacherName, email: workshop.teacherEmail },
      manageUrl: manageUrl(deps.env, booking.uid),
      icsUid: icsUid(deps.env, booking.uid),
      icsSequence: booking.icsSequence,
      organizerEmail: organizerEmail(deps.env),
      now,
      schoolMessage: schoolMessage(tenant, workshop),
    });
    // The claim commits only with a successful send; a failed send rolls it back for the retry.
    await deps.db.transaction(async (tx) => {
      const claimed = await claimReminder(tx, {
        tenantId,
        bookingId,
        offsetMinutes,
        startTime: booking.startTime,
        now,
      });
      if (claimed) await deps.sendEmail(email);
    });
  };
}
