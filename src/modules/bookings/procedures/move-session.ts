import { tenantMutation } from '../../../trpc/procedures.ts';
import { moveSessionInput, moveSessionOutput } from './move-session.schema.ts';

/** Tenant admins, or the workshop's teacher (the service checks which). */
export const moveSession = tenantMutation({
  input: moveSessionInput,
  output: moveSessionOutput,
  resolve: ({ ctx, input }) =>
    ctx.container.bookings.moveSession({
      tenantId: ctx.tenant.id,
      actorId: ctx.viewer.userId,
      role: ctx.tenant.role,
      ...input,
    }),
});
