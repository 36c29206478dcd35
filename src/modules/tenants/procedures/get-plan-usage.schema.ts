import { z } from 'zod';

const planShape = z.object({
  type: z.enum(['lite', 'starter', 'growth', 'pro', 'enterprise']),
  maxTeachers: z.number(),
  maxBookingsPerMonth: z.number(),
  maxEventTypes: z.number(),
  features: z.record(z.string(), z.boolean()),
});

/** A count against its limit; -1 means unlimited, as in the plan. */
const meter = z.object({ used: z.number(), limit: z.number() });

export const getPlanUsageOutput = z.object({
  plan: planShape,
  /** This month in the school's zone: what the booking allowance counts. */
  period: z.object({ start: z.date(), end: z.date(), timeZone: z.string() }),
  usage: z.object({
    /** Members plus open invitations: both hold a seat. */
    teachers: meter.extend({ members: z.number(), openInvites: z.number() }),
    bookings: meter,
    /** Workshops not archived. */
    eventTypes: meter,
  }),
  /** Every plan, cheapest first, with its limits and features. */
  plans: z.array(planShape.extend({ platformFeeBps: z.number() })),
});
