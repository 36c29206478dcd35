import { z } from 'zod';
import { dbId } from '../../../lib/boundary.schema.ts';

// A teacher's external calendar feed (issue 14; an extension beyond the spec).

export const calendarFeedInput = z
  .object({
    /** Omitted: the caller's own. Another teacher's needs OWNER or ADMIN. */
    teacherId: dbId().optional(),
  })
  .default({});
export type CalendarFeedInput = z.output<typeof calendarFeedInput>;

export const setCalendarFeedInput = z.object({
  teacherId: dbId().optional(),
  /** An http(s) (or webcal) ICS address, https only in production; null removes the feed. */
  url: z.string().max(2048).nullable(),
});
export type SetCalendarFeedInput = z.output<typeof setCalendarFeedInput>;

export const calendarFeedOutput = z.object({
  teacher: z.object({ id: z.number(), name: z.string() }),
  feed: z
    .object({
      url: z.string(),
      /** The last fetch that succeeded (unchanged answers included); null before the first. */
      lastFetchedAt: z.date().nullable(),
      /** Why the last fetch failed (the busy times of the last good one still count); else null. */
      lastError: z.string().nullable(),
      nextFetchAt: z.date(),
      createdAt: z.date(),
      updatedAt: z.date(),
    })
    .nullable(),
});
