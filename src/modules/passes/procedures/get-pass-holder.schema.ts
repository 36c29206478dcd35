import { z } from 'zod';
import { dbId } from '../../../lib/boundary.schema.ts';
import { passHolderOutput } from './pass-fields.schema.ts';

export const getPassHolderInput = z.object({ studentPassId: dbId() });

export const passEntryOutput = z.object({
  id: z.number(),
  kind: z.enum(['purchase', 'booking', 'booking_return', 'adjustment']),
  delta: z.number(),
  balanceAfter: z.number(),
  reason: z.string().nullable(),
  createdAt: z.date(),
  booking: z
    .object({ uid: z.string(), title: z.string(), startTime: z.date(), status: z.string() })
    .nullable(),
  /** The staff member who adjusted it. */
  actorName: z.string().nullable(),
});

export const getPassHolderOutput = z.object({
  pass: passHolderOutput,
  history: z.array(passEntryOutput),
});

export type PassEntryView = z.infer<typeof passEntryOutput>;
