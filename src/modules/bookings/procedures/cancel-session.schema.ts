import { z } from 'zod';
import { dbId } from '../../../lib/boundary.schema.ts';

export const cancelSessionInput = z.object({
  sessionId: dbId(),
  reason: z.string().trim().max(1000).optional(),
});

export const cancelSessionOutput = z.object({
  success: z.boolean(),
  cancelledBookings: z.number().int(),
  refundsIssued: z.number().int(),
});
