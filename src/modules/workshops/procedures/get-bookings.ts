import { tenantQuery } from '../../../trpc/procedures.ts';
import { getBookingsInput, getBookingsOutput } from './get-bookings.schema.ts';

/** Any member may ask; the service lets a MEMBER see only the workshops they teach. */
export const getBookings = tenantQuery({
  input: getBookingsInput,
  output: getBookingsOutput,
  resolve: ({ ctx, input }) =>
    ctx.container.workshops.getBookings({
      tenantId: ctx.tenant.id,
      actorId: ctx.viewer.userId,
      role: ctx.tenant.role,
      input,
    }),
});
