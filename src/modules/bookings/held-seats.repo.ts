import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client.ts';

/**
 * Seats held for checkout right now, across every tenant: an operations figure for the metrics
 * scrape, the one query here without a tenant (the partial index on pending holds answers it).
 */
export async function countHeldSeats(db: Executor, now: Date): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from bookings
        where status = 'pending' and hold_expires_at > ${now.toISOString()}::timestamptz`,
  );
  return row?.n ?? 0;
}
