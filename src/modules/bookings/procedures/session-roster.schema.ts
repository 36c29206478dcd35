import { z } from 'zod';
import { dbId } from '../../../lib/boundary.schema.ts';
import { staffBookingOutput } from './list-bookings.schema.ts';

export const sessionRosterInput = z.object({
  sessionId: dbId(),
});

export const sessionRosterOutput = z.object({
  session: z.object({
    id: z.number(),
    /** scheduled or cancelled. */
    status: z.string(),
    startTime: z.date(),
    endTime: z.date(),
    timeZone: z.string(),
    seats: z.number().int(),
    bookedSeats: z.number().int(),
    workshop: z.object({ id: z.number(), title: z.string(), price: z.number().int(), currency: z.string() }),
    teacher: z.object({ id: z.number(), name: z.string() }),
  }),
  /** Pending, accepted and cancelled bookings in the order they were made (up to ROSTER_LIMIT). */
  bookings: z.array(staffBookingOutput),
  totalCount: z.number().int(),
  /** Beyond the roster itself (issue 16): students in the session's waitlist, and seats held for them. */
  waitlist: z.object({ waiting: z.number().int(), offered: z.number().int() }),
  /** What the viewer may do here, as the procedures decide it. */
  permissions: z.object({
    cancelBookings: z.boolean(),
    cancelSession: z.boolean(),
    refund: z.boolean(),
    /** The session has started (and is not cancelled): its confirmed bookings can be marked. */
    markAttendance: z.boolean(),
  }),
});

export type SessionRoster = z.output<typeof sessionRosterOutput>;
