import { optionalDay, optionalEnum, optionalInt } from '../../lib/search.ts';

export const BOOKING_STATUSES = ['accepted', 'pending', 'cancelled'] as const;

export interface BookingsSearch {
  status?: (typeof BOOKING_STATUSES)[number] | undefined;
  /** Sessions from this day (the school's zone), `YYYY-MM-DD`. */
  from?: string | undefined;
  /** Sessions up to and including this day. */
  to?: string | undefined;
  workshopId?: number | undefined;
  teacherId?: number | undefined;
  page?: number | undefined;
}

export function bookingsSearch(raw: Record<string, unknown>): BookingsSearch {
  return {
    status: optionalEnum(raw, 'status', BOOKING_STATUSES),
    from: optionalDay(raw, 'from'),
    to: optionalDay(raw, 'to'),
    workshopId: optionalInt(raw, 'workshopId'),
    teacherId: optionalInt(raw, 'teacherId'),
    page: optionalInt(raw, 'page', 1, 100_000),
  };
}
