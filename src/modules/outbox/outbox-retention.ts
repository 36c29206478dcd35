import type { Executor } from '../../db/client.ts';
import { deleteDelivered } from './outbox.repo.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How often an instance prunes; any instance may, deleting the same rows twice is harmless. */
export const OUTBOX_PRUNE_EVERY_MS = 60 * 60 * 1000;
const BATCH = 5_000;

/**
 * Deletes delivered outbox rows (and their webhook attempts) older than the retention, a batch
 * at a time so no statement holds many row locks at once. Returns how many rows went.
 */
export async function pruneDeliveredOutbox(db: Executor, now: Date, retentionDays: number): Promise<number> {
  const before = new Date(now.getTime() - retentionDays * DAY_MS);
  let total = 0;
  for (;;) {
    const deleted = await deleteDelivered(db, before, BATCH);
    total += deleted;
    if (deleted < BATCH) return total;
  }
}
