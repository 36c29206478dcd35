import { router } from '../../trpc/init.ts';
import { createWorkshop } from './procedures/create-workshop.ts';
import { getWorkshop } from './procedures/get-workshop.ts';
import { listWorkshops } from './procedures/list-workshops.ts';
import { updateWhitelist } from './procedures/update-whitelist.ts';

export const workshopRouter = router({
  create: createWorkshop,
  get: getWorkshop,
  list: listWorkshops,
  updateWhitelist,
});
