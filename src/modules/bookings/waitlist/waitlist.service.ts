import type { BookingsDeps } from '../bookings-deps.ts';
import type { Actor } from '../staff-access.ts';
import { claimOffer } from './claim-offer.ts';
import { type JoinWaitlistInput, joinWaitlist } from './join-waitlist.ts';
import { leaveWaitlist } from './leave-waitlist.ts';
import { offerFreedSeats } from './offer-seats.ts';
import { listWaitlist, moveWaitlistEntry, offerWaitlistSeat, removeWaitlistEntry } from './staff-waitlist.ts';
import { entryDetails, loadEntryForStudent, publicEntry } from './waitlist-entry-view.ts';

export type { JoinWaitlistInput } from './join-waitlist.ts';
export type { WaitlistEntryDetails } from './waitlist-entry-view.ts';

/** The waitlist's use cases with their dependencies bound once (`container.bookings.waitlist`). */
export function createWaitlistService(deps: BookingsDeps) {
  return {
    join: (input: JoinWaitlistInput) => joinWaitlist(deps, input),
    /** The contract's answer for the manage link. */
    async get(uid: string, token: string) {
      return { entry: publicEntry(await loadEntryForStudent(deps, uid, token), deps.now()) };
    },
    /** What the waitlist page shows (the entry, its session, workshop and school). */
    async details(uid: string, token: string) {
      return entryDetails(await loadEntryForStudent(deps, uid, token), deps.now(), deps.env);
    },
    claim: (input: { uid: string; token: string }) => claimOffer(deps, input),
    leave: (input: { uid: string; token: string }) => leaveWaitlist(deps, input),
    /** The `waitlist.offer` job's handler. */
    offerFreedSeats: (input: { tenantId: number; sessionId: number }) => offerFreedSeats(deps, input),
    list: (actor: Actor & { sessionId: number }) => listWaitlist(deps, actor),
    move: (actor: Actor & { entryId: number; position: number }) => moveWaitlistEntry(deps, actor),
    offer: (actor: Actor & { entryId: number }) => offerWaitlistSeat(deps, actor),
    remove: (actor: Actor & { entryId: number }) => removeWaitlistEntry(deps, actor),
  };
}

export type WaitlistService = ReturnType<typeof createWaitlistService>;
