import { tenantQuery } from '../../../trpc/procedures.ts';
import { listBookings as listBookingsUseCase } from '../list-bookings.ts';
import { listBookingsInput, listBookingsOutput } from './list-bookings.schema.ts';

/** Beyond the spec: bookings across the school (a MEMBER: of the classes they teach). */
export const listBookings = tenantQuery({
  input: listBookingsInput,
  output: listBookingsOutput,
  resolve: ({ ctx, input }) =>
    listBookingsUseCase(
      { db: ctx.container.db },
      { tenantId: ctx.tenant.id, userId: ctx.viewer.userId, role: ctx.tenant.role },
      input,
    ),
});
