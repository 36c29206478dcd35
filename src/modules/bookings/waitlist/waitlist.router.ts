import { router } from '../../../trpc/init.ts';
import { listWaitlist } from './procedures/list-waitlist.ts';
import { moveWaitlistEntry } from './procedures/move-waitlist-entry.ts';
import { offerWaitlistSeat } from './procedures/offer-waitlist-seat.ts';
import { removeWaitlistEntry } from './procedures/remove-waitlist-entry.ts';

/** `immersio.waitlist.*` (beyond the spec, issue 16). */
export const waitlistRouter = router({
  list: listWaitlist,
  move: moveWaitlistEntry,
  offer: offerWaitlistSeat,
  remove: removeWaitlistEntry,
});
