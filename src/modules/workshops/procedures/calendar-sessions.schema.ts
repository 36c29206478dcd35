import { z } from 'zod';
import { dbId } from '../../../lib/boundary.schema.ts';
import { getWorkshopOutput } from './get-workshop.schema.ts';

/** The longest range one call may ask for: a month grid (six weeks) fits with room to spare. */
export const MAX_CALENDAR_RANGE_DAYS = 62;
/** Sessions returned at most; beyond it `truncated` is true and the caller narrows the range or filter. */
export const MAX_CALENDAR_SESSIONS = 2000;

const DAY_MS = 86_400_000;

export const calendarSessionsInput = z
  .object({
    /** Sessions ending after this instant (inclusive start of the range). */
    from: z.date(),
    /** Sessions starting before this instant (exclusive end of the range). */
    to: z.date(),
    /** Only this teacher's sessions; a MEMBER always gets their own, whatever is sent. */
    teacherId: dbId().optional(),
  })
  .superRefine((input, ctx) => {
    const span = input.to.getTime() - input.from.getTime();
    if (span <= 0) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    } else if (span > MAX_CALENDAR_RANGE_DAYS * DAY_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `must be at most ${MAX_CALENDAR_RANGE_DAYS} days after from`,
      });
    }
  });

export type CalendarSessionsInput = z.output<typeof calendarSessionsInput>;

/**
 * A session as `workshop.get` describes it (UTC instants with the zone it was planned in; status
 * `scheduled` or `cancelled`; booked seats = accepted bookings plus unexpired holds), with its
 * workshop and teacher.
 */
const calendarSession = getWorkshopOutput.shape.sessions.element.extend({
  workshop: z.object({
    id: z.number(),
    title: z.string(),
    type: z.enum(['live_class', 'workshop', 'tutoring']),
    status: z.enum(['active', 'draft', 'archived']),
  }),
  teacher: z.object({ id: z.number(), name: z.string() }),
});

export const calendarSessionsOutput = z.object({
  sessions: z.array(calendarSession),
  /** More sessions matched than `MAX_CALENDAR_SESSIONS`; the earliest ones are returned. */
  truncated: z.boolean(),
});

export type CalendarSessionsOutput = z.input<typeof calendarSessionsOutput>;
