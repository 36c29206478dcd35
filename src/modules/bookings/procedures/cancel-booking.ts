import { tenantMutation } from '../../../trpc/procedures.ts';
import { cancelBookingInput, cancelBookingOutput } from './cancel-booking.schema.ts';

/** Tenant admins, or the workshop's teacher (the service checks which). */
export const cancelBooking = tenantMutation({
  input: cancelBookingInput,
  output: cancelBookingOutput,
  resolve: ({ ctx, input }) =>
    ctx.container.bookings.cancelByStaff({
      tenantId: ctx.tenant.id,
      actorId: ctx.viewer.userId,
      role: ctx.tenant.role,
      ...input,
    }),
});
