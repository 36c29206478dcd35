import { tenantMutation } from '../../../../trpc/procedures.ts';
import { offerWaitlistSeatInput, offerWaitlistSeatOutput } from './waitlist.schema.ts';

/** Offers a free seat to one waiting student now, out of turn (admins, or the workshop's teacher). */
export const offerWaitlistSeat = tenantMutation({
  input: offerWaitlistSeatInput,
  output: offerWaitlistSeatOutput,
  resolve: ({ ctx, input }) =>
    ctx.container.bookings.waitlist.offer({
      tenantId: ctx.tenant.id,
      actorId: ctx.viewer.userId,
      role: ctx.tenant.role,
      ...input,
    }),
});
