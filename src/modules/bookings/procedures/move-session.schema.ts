import { z } from 'zod';
import { dbId } from '../../../lib/boundary.schema.ts';

export const moveSessionInput = z.object({
  sessionId: dbId(),
  /** The new start; the session keeps its length. */
  startTime: z.date(),
  /** Shown to the attendees and staff in the notices. */
  reason: z.string().trim().max(1000).optional(),
});

export const moveSessionOutput = z.object({
  success: z.boolean(),
  session: z.object({ id: z.number().int(), startTime: z.date(), endTime: z.date() }),
  /** Live bookings (paid or held) that moved with the session. */
  movedBookings: z.number().int(),
});
