import { optionalInt } from '../../lib/search.ts';

export interface AvailabilitySearch {
  /** Admins: whose schedules are shown (default: every teacher's). */
  teacherId?: number | undefined;
}

export function availabilitySearch(raw: Record<string, unknown>): AvailabilitySearch {
  return { teacherId: optionalInt(raw, 'teacherId') };
}
