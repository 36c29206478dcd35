import { z } from 'zod';

/** `POST /api/v1/public/bookings/:uid/reschedule`: the manage link's token and the new start. */
export const rescheduleBookingBody = z.strictObject({
  token: z.string().min(1).max(200),
  startTime: z.iso.datetime({ offset: true }).transform((value) => new Date(value)),
});
