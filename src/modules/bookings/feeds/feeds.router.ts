import { router } from '../../../trpc/init.ts';
import { getFeedUrl } from './procedures/get-feed-url.ts';
import { resetFeedUrl } from './procedures/reset-feed-url.ts';

/** Private iCalendar feeds of a teacher's (or the school's) sessions; merged into `immersio.calendar`. */
export const calendarFeedRouter = router({ getFeedUrl, resetFeedUrl });
