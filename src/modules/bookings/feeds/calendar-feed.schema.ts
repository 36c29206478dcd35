import { z } from 'zod';

export const calendarFeedParams = z.object({
  /** `{token}.ics`: the secret from `immersio.calendar.getFeedUrl`. */
  file: z.string().max(200),
});
