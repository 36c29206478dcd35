import { router } from '../../trpc/init.ts';
import { calendarSessions } from './procedures/calendar-sessions.ts';

/** The school's sessions by date range, for the staff app's calendar. */
export const calendarRouter = router({
  sessions: calendarSessions,
});
