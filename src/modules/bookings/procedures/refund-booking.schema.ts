import { z } from 'zod';
import { dbId } from '../../../lib/boundary.schema.ts';

export const refundBookingInput = z.object({
  bookingId: dbId(),
  force: z.boolean().optional(),
});

export const refundBookingOutput = z.object({
  success: z.boolean(),
  refund: z.object({
    id: z.number(),
    status: z.enum(['succeeded', 'pending', 'failed']),
    amount: z.number().int(),
    currency: z.string(),
  }),
});
