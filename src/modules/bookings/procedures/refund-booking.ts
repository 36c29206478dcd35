import { adminMutation } from '../../../trpc/procedures.ts';
import { refundBookingInput, refundBookingOutput } from './refund-booking.schema.ts';

export const refundBooking = adminMutation({
  input: refundBookingInput,
  output: refundBookingOutput,
  resolve: ({ ctx, input }) =>
    ctx.container.bookings.refund({
      tenantId: ctx.tenant.id,
      actorId: ctx.viewer.userId,
      role: ctx.tenant.role,
      ...input,
    }),
});
