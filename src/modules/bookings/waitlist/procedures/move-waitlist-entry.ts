import { tenantMutation } from '../../../../trpc/procedures.ts';
import { moveWaitlistEntryInput, moveWaitlistEntryOutput } from './waitlist.schema.ts';

/** Moves a waiting student to another place in line (admins, or the workshop's teacher). */
export const moveWaitlistEntry = tenantMutation({
  input: moveWaitlistEntryInput,
  output: moveWaitlistEntryOutput,
  resolve: ({ ctx, input }) =>
    ctx.container.bookings.waitlist.move({
      tenantId: ctx.tenant.id,
      actorId: ctx.viewer.userId,
      role: ctx.tenant.role,
      ...input,
    }),
});
