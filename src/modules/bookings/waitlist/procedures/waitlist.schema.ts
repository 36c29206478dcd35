import { z } from 'zod';
import { dbId } from '../../../../lib/boundary.schema.ts';

// Beyond the spec (issue 16): the staff's procedures on a session's waitlist.

export const waitlistEntryStatus = z.enum(['waiting', 'offered', 'claimed', 'expired', 'left']);

export const staffWaitlistEntry = z.object({
  id: z.number(),
  uid: z.string(),
  status: waitlistEntryStatus,
  /** The place in line (1 = next) while waiting; null otherwise. */
  position: z.number().int().nullable(),
  name: z.string(),
  email: z.string(),
  timeZone: z.string(),
  /** The held (then confirmed) booking of an offer. */
  bookingId: z.number().nullable(),
  /** `auto` when a seat freed, `staff` when offered by hand. */
  offeredBy: z.string().nullable(),
  offeredAt: z.date().nullable(),
  offerExpiresAt: z.date().nullable(),
  /** `student` or `staff` once taken off the list. */
  leftBy: z.string().nullable(),
  createdAt: z.date(),
});

export type StaffWaitlistEntry = z.output<typeof staffWaitlistEntry>;

export const listWaitlistInput = z.object({ sessionId: dbId() });
export const listWaitlistOutput = z.object({
  session: z.object({ id: z.number(), seats: z.number(), bookedSeats: z.number(), startTime: z.date() }),
  waitlistEnabled: z.boolean(),
  /** The workshop's offer window in minutes. */
  offerMinutes: z.number(),
  waitingCount: z.number().int(),
  /** Offered, then waiting in line order, then the rest (latest first). */
  entries: z.array(staffWaitlistEntry),
});

export const moveWaitlistEntryInput = z.object({
  entryId: dbId(),
  /** 1 = next in line; a number past the end puts the entry last. */
  position: z.number().int().min(1).max(100_000),
});
export const moveWaitlistEntryOutput = z.object({ success: z.boolean(), position: z.number().int() });

export const offerWaitlistSeatInput = z.object({ entryId: dbId() });
export const offerWaitlistSeatOutput = z.object({
  success: z.boolean(),
  /** The held seat (a pending booking until claimed). */
  bookingId: z.number(),
  offerExpiresAt: z.date(),
});

export const removeWaitlistEntryInput = z.object({ entryId: dbId() });
export const removeWaitlistEntryOutput = z.object({ success: z.boolean() });
