import { tenantMutation } from '../../../../trpc/procedures.ts';
import { removeWaitlistEntryInput, removeWaitlistEntryOutput } from './waitlist.schema.ts';

/** Takes a student off the waitlist; an offered seat goes to the next in line. */
export const removeWaitlistEntry = tenantMutation({
  input: removeWaitlistEntryInput,
  output: removeWaitlistEntryOutput,
  resolve: ({ ctx, input }) =>
    ctx.container.bookings.waitlist.remove({
      tenantId: ctx.tenant.id,
      actorId: ctx.viewer.userId,
      role: ctx.tenant.role,
      ...input,
    }),
});
