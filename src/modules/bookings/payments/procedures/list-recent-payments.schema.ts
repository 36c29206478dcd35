import { z } from 'zod';

/** pass: a class pass sold (issue 16). */
const kind = z.enum(['payment', 'refund', 'pass']);

const cursor = z.object({
  at: z.date(),
  kind,
  id: z.number().int().min(1).max(2_147_483_647),
});

export const listRecentPaymentsInput = z.object({
  limit: z.number().int().min(1).max(100).default(20),
  cursor: cursor.optional(),
});

const status = z.enum(['pending', 'succeeded', 'failed']);

export const listRecentPaymentsOutput = z.object({
  items: z.array(
    z.object({
      kind,
      id: z.number(),
      at: z.date(),
      status,
      amountCents: z.number(),
      feeCents: z.number(),
      refundedCents: z.number(),
      currency: z.string(),
      reason: z.string().nullable(),
      failureMessage: z.string().nullable(),
      /** The booking's uid; of a `pass` item, the student pass's (`pass_…`). */
      bookingUid: z.string(),
      title: z.string(),
      attendeeName: z.string(),
      attendeeEmail: z.string(),
    }),
  ),
  nextCursor: cursor.nullable(),
});

export type PaymentActivity = z.infer<typeof listRecentPaymentsOutput>['items'][number];
