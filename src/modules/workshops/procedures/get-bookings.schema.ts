import { z } from 'zod';
import { dbId } from '../../../lib/boundary.schema.ts';
import { bookingAnswers } from './workshop-questions.schema.ts';

export const getBookingsInput = z
  .object({
    workshopId: dbId(),
    status: z.enum(['accepted', 'pending', 'cancelled']).optional(),
    /** Bookings whose session starts at or after this instant. */
    startDate: z.date().optional(),
    /** Bookings whose session starts before this instant. */
    endDate: z.date().optional(),
    page: z.number().int().min(1).max(100_000).default(1),
    limit: z.number().int().min(1).max(100).default(50),
  })
  .superRefine((input, ctx) => {
    if (input.startDate && input.endDate && input.startDate > input.endDate) {
      ctx.addIssue({ code: 'custom', path: ['startDate'], message: 'must not be after endDate' });
    }
  });

export type GetBookingsInput = z.output<typeof getBookingsInput>;

export const getBookingsOutput = z.object({
  bookings: z.array(
    z.object({
      id: z.number(),
      uid: z.string(),
      title: z.string(),
      startTime: z.date(),
      endTime: z.date(),
      /** pending, accepted, cancelled, expired or failed. */
      status: z.string(),
      paid: z.boolean(),
      attendees: z.array(z.object({ email: z.string(), name: z.string(), timeZone: z.string() })),
      /** status: succeeded, refund_pending, refunded or partially_refunded (see bookings-list.ts). */
      payment: z.object({ amount: z.number(), currency: z.string(), status: z.string() }).nullable(),
      metadata: z.object({
        immersioStudentId: z.string().optional(),
        registrationSource: z.string().optional(),
      }),
      createdAt: z.date(),
      /** Beyond the spec (issue 17): attended or no_show as staff marked it, null while unmarked. */
      attendance: z.enum(['attended', 'no_show']).nullable(),
      /** Beyond the spec (issue 17): the answers to the workshop's questions, by question id. */
      answers: bookingAnswers,
    }),
  ),
  totalCount: z.number(),
});
