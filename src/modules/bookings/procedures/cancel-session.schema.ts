import { z } from 'zod';

export const cancelSessionInput = z.object({
  sessionId: z.number().int().positive(),
  reason: z.string().trim().max(1000).optional(),
});

export const cancelSessionOutput = z.object({
  success: z.boolean(),
  cancelledBookings: z.number().int(),
  refundsIssued: z.number().int(),
});
