import type { Executor } from '../../db/client.ts';
import type { ListBookingsInput } from './procedures/list-bookings.schema.ts';
import { type StaffViewer, scopeBookingFilters } from './staff-booking-filters.ts';
import { toStaffBooking } from './staff-booking-view.ts';
import { countStaffBookings, listStaffBookings } from './staff-bookings.repo.ts';

/** The school's bookings, newest first, one page with the total (a MEMBER: their classes'). */
export async function listBookings(deps: { db: Executor }, viewer: StaffViewer, input: ListBookingsInput) {
  const { filters } = await scopeBookingFilters(deps.db, viewer, input);
  const [rows, totalCount] = await Promise.all([
    listStaffBookings(deps.db, filters, 'newest', {
      limit: input.limit,
      offset: (input.page - 1) * input.limit,
    }),
    countStaffBookings(deps.db, filters),
  ]);
  return { bookings: rows.map(toStaffBooking), totalCount };
}
