import { router } from '../../trpc/init.ts';
import { addSessions } from './procedures/add-sessions.ts';
import { createWorkshop } from './procedures/create-workshop.ts';
import { getBookings } from './procedures/get-bookings.ts';
import { getWhitelist } from './procedures/get-whitelist.ts';
import { getWorkshop } from './procedures/get-workshop.ts';
import { listWorkshops } from './procedures/list-workshops.ts';
import { previewSchedule } from './procedures/preview-schedule.ts';
import { removeSession } from './procedures/remove-session.ts';
import { updateWhitelist } from './procedures/update-whitelist.ts';
import { updateWorkshop } from './procedures/update-workshop.ts';

export const workshopRouter = router({
  create: createWorkshop,
  get: getWorkshop,
  list: listWorkshops,
  update: updateWorkshop,
  addSessions,
  removeSession,
  updateWhitelist,
  getBookings,
  // Beyond the spec, for the staff app.
  previewSchedule,
  getWhitelist,
});
