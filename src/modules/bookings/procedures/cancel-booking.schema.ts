import { z } from 'zod';
import { dbId } from '../../../lib/boundary.schema.ts';

export const refundOutcome = z.object({
  eligible: z.boolean(),
  withinWindow: z.boolean(),
  status: z.enum(['completed', 'pending', 'failed', 'not_applicable']),
  amount: z.number().int(),
  currency: z.string(),
  stripeRefundId: z.string().nullable(),
});

export const cancelBookingInput = z.object({
  bookingId: dbId(),
  reason: z.string().trim().max(1000).optional(),
});

export const cancelBookingOutput = z.object({
  success: z.boolean(),
  booking: z.object({
    id: z.number(),
    uid: z.string(),
    status: z.literal('cancelled'),
    cancelledAt: z.date(),
  }),
  refund: refundOutcome,
});
