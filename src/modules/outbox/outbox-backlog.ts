import type { Database } from '../../db/client.ts';
import { type OutboxStats, stats } from './outbox.repo.ts';

/**
 * The outbox's backlog for the metrics scrape (and anyone watching the worker): one query over
 * the undelivered rows only, across all tenants, since the worker serves them all.
 */
export function outboxBacklog(db: Database, now: Date): Promise<OutboxStats> {
  return stats(db, now);
}
