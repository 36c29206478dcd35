import { z } from 'zod';
import { dbId } from '../../lib/boundary.schema.ts';
import { type DeliveryContext, defineJob } from '../outbox/job-definition.ts';
import { BOOKING_EMAIL_KIND, type BookingEmailJob } from './notifications.ts';

export const bookingEmailJobSchema = z.object({
  bookingId: dbId(),
  template: z.enum(['confirmation', 'staff-new']),
  /** The staff member, for `staff-new`. */
  to: z.string().optional(),
}) satisfies z.ZodType<BookingEmailJob>;

/**
 * A booking e-mail, rendered when it is sent from the booking as it is then. `send` is
 * booking-email.handler.ts's handler, given at registration so the e-mail code can import this.
 */
export const bookingEmailJob = defineJob({
  kind: BOOKING_EMAIL_KIND,
  payload: bookingEmailJobSchema,
  handle: (payload, ctx, send: (job: BookingEmailJob, ctx: DeliveryContext) => Promise<void>) =>
    send(payload, ctx),
});
