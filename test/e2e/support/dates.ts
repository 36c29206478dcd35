import { DateTime } from 'luxon';

// Dates the browser tests type into forms, computed from today so a test never expires. No
// vitest imports (like server.ts).

/**
 * A first session date in `zone` from which six weekly sessions cross the zone's next
 * daylight-saving change: two weeks before it, and never earlier than tomorrow.
 */
export function dateBeforeNextDstChange(zone: string): { startDate: string; change: DateTime } {
  const today = DateTime.now().setZone(zone).startOf('day');
  let day = today.plus({ days: 2 });
  while (day.plus({ days: 1 }).set({ hour: 12 }).offset === day.set({ hour: 12 }).offset)
    day = day.plus({ days: 1 });
  const change = day.plus({ days: 1 });
  const twoWeeksBefore = change.minus({ days: 14 });
  const start = twoWeeksBefore > today ? twoWeeksBefore : today.plus({ days: 1 });
  return { startDate: start.toFormat('yyyy-MM-dd'), change };
}
