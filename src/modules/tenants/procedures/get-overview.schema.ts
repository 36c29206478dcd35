import { z } from 'zod';
import { getStatsInput, getStatsOutput } from './get-stats.schema.ts';

/** The same period as getStats (and the same 400s): the overview shows them side by side. */
export const getOverviewInput = getStatsInput;

const overviewSession = z.object({
  sessionId: z.number(),
  workshopId: z.number(),
  workshopTitle: z.string(),
  teacherName: z.string(),
  startTime: z.date(),
  endTime: z.date(),
  /** The zone the session was scheduled in (its teacher's). */
  timeZone: z.string(),
  seats: z.number(),
  bookedSeats: z.number(),
  /** Beyond the seats (issue 16): students in line on the session's waitlist. */
  waiting: z.number(),
});

export const getOverviewOutput = z.object({
  /** `teacher`: a MEMBER's overview, counted only over the workshops they teach. */
  scope: z.enum(['school', 'teacher']),
  /** The tenant's zone: days, months, "today" and "this week" are counted in it. */
  timeZone: z.string(),
  /** The school's main currency: `series` revenue is in it (see otherCurrencies). */
  currency: z.string(),
  /** The period shown, half-open: its last day ends at `to` (days still to come included). */
  range: z.object({ from: z.date(), to: z.date() }),
  granularity: z.enum(['day', 'month']),
  /** Every day (`YYYY-MM-DD`) or month (`YYYY-MM`) of the range, oldest first. */
  series: z.array(
    z.object({
      date: z.string(),
      bookings: z.number(),
      /** Cents in `currency`, net of refunds. */
      revenue: z.number(),
    }),
  ),
  /** Revenue in the range paid in other currencies than `currency` (not in the series). */
  otherCurrencies: z.array(z.object({ currency: z.string(), revenue: z.number() })),
  /** Per workshop with sessions starting in the range, the fullest first (at most 20). */
  fillRate: z.array(
    z.object({
      workshopId: z.number(),
      title: z.string(),
      sessionCount: z.number(),
      seatsOffered: z.number(),
      seatsTaken: z.number(),
      /** seatsTaken / seatsOffered, 0..1. */
      rate: z.number(),
    }),
  ),
  upcoming: z.object({
    /** Sessions starting today (earlier ones included). */
    today: z.array(overviewSession),
    /** Sessions starting after today, up to the end of Sunday. */
    laterThisWeek: z.array(overviewSession),
    /** More sessions this week than listed: the calendar has them all. */
    hasMore: z.boolean(),
  }),
  /** The school's onboarding steps (the same for every role). */
  checklist: z.object({
    stripeConnected: z.boolean(),
    hasWorkshop: z.boolean(),
    landingPublished: z.boolean(),
    immersioConnected: z.boolean(),
  }),
  /**
   * A MEMBER, who may not call getStats: its figures over the workshops they teach
   * (teacherCount 1). Null for OWNER and ADMIN.
   */
  teacherStats: getStatsOutput.nullable(),
});

export type GetOverviewOutput = z.output<typeof getOverviewOutput>;
