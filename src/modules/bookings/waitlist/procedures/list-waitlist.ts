import { tenantQuery } from '../../../../trpc/procedures.ts';
import { listWaitlistInput, listWaitlistOutput } from './waitlist.schema.ts';

/** A session's waitlist, for its admins and its teacher. */
export const listWaitlist = tenantQuery({
  input: listWaitlistInput,
  output: listWaitlistOutput,
  resolve: ({ ctx, input }) =>
    ctx.container.bookings.waitlist.list({
      tenantId: ctx.tenant.id,
      actorId: ctx.viewer.userId,
      role: ctx.tenant.role,
      ...input,
    }),
});
