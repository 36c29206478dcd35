import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import type { Env } from '../../env.ts';
import { dbId } from '../../lib/boundary.schema.ts';
import type { OutboxHandler } from '../outbox/outbox.worker.ts';
import * as repo from './bookings.repo.ts';
import { confirmationEmail, staffNewBookingEmail } from './notifications.ts';

const job = z.object({
  bookingId: dbId(),
  template: z.enum(['confirmation', 'staff-new']),
  to: z.string().optional(),
});

/**
 * Renders a booking e-mail job (kind `booking-email`) from the booking as it is now and hands
 * it to the e-mail sender. One job is one e-mail, so a retry never repeats another recipient's.
 */
export function bookingEmailHandler(deps: {
  db: Database;
  env: Env & { APP_SECRET: string };
  now: () => Date;
  sendEmail: (payload: unknown) => Promise<void>;
}): OutboxHandler {
  return async (payload, ctx) => {
    const parsed = job.safeParse(payload);
    if (!parsed.success || ctx.tenantId === null) {
      throw Object.assign(new Error('Invalid booking e-mail job'), { permanent: true });
    }
    const { bookingId, template, to } = parsed.data;
    const booking = await repo.findBookingById(deps.db, ctx.tenantId, bookingId);
    if (!booking) return;
    const [tenant, workshop] = await Promise.all([
      repo.findTenantById(deps.db, ctx.tenantId),
      repo.findWorkshopById(deps.db, ctx.tenantId, booking.workshopId),
    ]);
    if (!tenant || !workshop) return;
    const notify = { env: deps.env, now: deps.now(), tenant, workshop, staffTimeZone: tenant.timeZone };
    if (template === 'confirmation') {
      await deps.sendEmail(confirmationEmail(notify, booking));
      return;
    }
    if (!to) throw Object.assign(new Error('A staff e-mail job needs `to`'), { permanent: true });
    const seatsLeft =
      booking.sessionId === null ? 0 : await repo.seatsLeft(deps.db, ctx.tenantId, booking.sessionId);
    await deps.sendEmail(staffNewBookingEmail(notify, booking, to, seatsLeft));
  };
}
