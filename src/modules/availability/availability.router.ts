import { router } from '../../trpc/init.ts';
import { createSchedule } from './procedures/create-schedule.ts';
import { deleteSchedule } from './procedures/delete-schedule.ts';
import { getCalendarFeed } from './procedures/get-calendar-feed.ts';
import { getSchedule } from './procedures/get-schedule.ts';
import { listSchedules } from './procedures/list-schedules.ts';
import { setCalendarFeed } from './procedures/set-calendar-feed.ts';
import { setDefaultSchedule } from './procedures/set-default-schedule.ts';
import { updateSchedule } from './procedures/update-schedule.ts';

/**
 * Teachers' availability schedules (issue 14). Any member may call them: OWNER and ADMIN act on
 * any teacher of the school, a MEMBER on their own schedules only (403 FORBIDDEN otherwise).
 */
export const availabilityRouter = router({
  list: listSchedules,
  get: getSchedule,
  create: createSchedule,
  update: updateSchedule,
  delete: deleteSchedule,
  setDefault: setDefaultSchedule,
  // Extensions beyond the spec: the teacher's external calendar (ICS feed) blocking their slots.
  getCalendarFeed,
  setCalendarFeed,
});
