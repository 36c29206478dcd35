import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';

/** A running sync writes its counts this often (in courses), so getSyncHistory shows progress. */
export const SYNC_PROGRESS_EVERY = 25;

/** The counts so far of a sync that is still running (a finished one is left as it ended). */
export async function recordSyncProgress(
  db: Executor,
  syncId: number,
  counts: { processed: number; failed: number },
) {
  await db.execute(
    sql`update sync_logs set records_processed = ${counts.processed}, records_failed = ${counts.failed}
        where id = ${syncId} and status = 'running'`,
  );
}
