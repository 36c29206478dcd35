import { router } from '../../trpc/init.ts';
import { adjustPassCredits } from './procedures/adjust-pass-credits.ts';
import { createPass } from './procedures/create-pass.ts';
import { getPassHolder } from './procedures/get-pass-holder.ts';
import { listPassHolders } from './procedures/list-pass-holders.ts';
import { listPasses } from './procedures/list-passes.ts';
import { updatePass } from './procedures/update-pass.ts';

/**
 * immersio.pass.*: the class passes a school sells and the ones its students bought. Any member
 * reads them; OWNER/ADMIN create, edit and adjust credits.
 */
export const passRouter = router({
  create: createPass,
  update: updatePass,
  list: listPasses,
  listHolders: listPassHolders,
  getHolder: getPassHolder,
  adjustCredits: adjustPassCredits,
});
