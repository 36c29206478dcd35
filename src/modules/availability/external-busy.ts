import type { Executor } from '../../db/client.ts';
import { busyBetween } from './calendar-feed.repo.ts';
import type { BusyInterval } from './slots-busy.ts';

/**
 * The times the teacher's external calendar (their ICS feed, as last fetched) keeps them busy,
 * overlapping [from, to), by start. Empty without a feed. Stored merged, so entries do not overlap.
 */
export async function externalBusyFor(
  db: Executor,
  input: { tenantId: number; teacherId: number; from: Date; to: Date },
): Promise<BusyInterval[]> {
  const rows = await busyBetween(db, input);
  return rows.map((row) => ({ start: row.start, end: row.end, kind: 'external' as const }));
}
