import { z } from 'zod';
import { dbId } from '../../../../lib/boundary.schema.ts';
import { refundOutcome } from '../../procedures/cancel-booking.schema.ts';

export const cancelEnrolmentInput = z.object({
  enrolmentId: dbId(),
  reason: z.string().trim().max(1000).optional(),
});

export const cancelEnrolmentOutput = z.object({
  enrolment: z.object({
    id: z.number(),
    uid: z.string(),
    status: z.literal('cancelled'),
    cancelledAt: z.date(),
  }),
  /** The sessions it cancelled (those not started yet), each with its refund. */
  sessions: z.array(
    z.object({ uid: z.string(), startTime: z.date(), status: z.literal('cancelled'), refund: refundOutcome }),
  ),
  /** The sessions' refunds together. */
  refund: z.object({
    amount: z.number().int(),
    currency: z.string(),
    status: z.enum(['completed', 'pending', 'failed', 'not_applicable']),
  }),
});
