import { router } from '../../trpc/init.ts';
import { moveSession } from './procedures/move-session.ts';

/** `immersio.workshop.*` procedures that change bookings; merged into the workshop router. */
export const workshopBookingsRouter = router({
  moveSession,
});
