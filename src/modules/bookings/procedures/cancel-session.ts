import { tenantMutation } from '../../../trpc/procedures.ts';
import { cancelSessionInput, cancelSessionOutput } from './cancel-session.schema.ts';

/** Tenant admins, or the workshop's teacher (the service checks which). */
export const cancelSession = tenantMutation({
  input: cancelSessionInput,
  output: cancelSessionOutput,
  resolve: ({ ctx, input }) =>
    ctx.container.bookings.cancelSession({
      tenantId: ctx.tenant.id,
      actorId: ctx.viewer.userId,
      role: ctx.tenant.role,
      ...input,
    }),
});
