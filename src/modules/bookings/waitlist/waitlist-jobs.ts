import { z } from 'zod';
import { dbId } from '../../../lib/boundary.schema.ts';
import { type DeliveryContext, defineJob } from '../../outbox/job-definition.ts';

/**
 * Written by the database itself (the seat-freed trigger of migration 0023, whose SQL names this
 * kind) in the transaction that frees a seat of a session someone waits for.
 */
export const WAITLIST_OFFER_KIND = 'waitlist.offer';

/** Offers the session's free seats to its line, first in line first (offer-seats.ts). */
export const waitlistOfferJob = defineJob({
  kind: WAITLIST_OFFER_KIND,
  payload: z.object({ sessionId: dbId() }),
  handle: async (
    payload,
    ctx: DeliveryContext,
    waitlist: { offerFreedSeats(input: { tenantId: number; sessionId: number }): Promise<number> },
  ) => {
    if (ctx.tenantId === null) return;
    await waitlist.offerFreedSeats({ tenantId: ctx.tenantId, sessionId: payload.sessionId });
  },
});
