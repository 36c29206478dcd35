import { z } from 'zod';
import { dbId } from '../../../lib/boundary.schema.ts';

export const previewSessionCancellationInput = z.object({
  sessionId: dbId(),
});

const money = z.object({ amount: z.number().int(), currency: z.string() });

export const previewSessionCancellationOutput = z.object({
  /** The live bookings `cancelSession` would cancel now, in the order it cancels them. */
  bookings: z.array(
    z.object({
      id: z.number(),
      uid: z.string(),
      status: z.enum(['pending', 'accepted']),
      paid: z.boolean(),
      attendee: z.object({ name: z.string(), email: z.string() }),
      /** What goes back to the student; null when nothing does (free, unpaid hold, refunded already). */
      refund: money.nullable(),
    }),
  ),
  /** As `cancelSession` will answer, if nothing changes meanwhile. */
  cancelledBookings: z.number().int(),
  refundsIssued: z.number().int(),
  /** The sum of the refunds per currency. */
  totals: z.array(money),
});
