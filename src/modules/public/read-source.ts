import type { Database } from '../../db/client.ts';

/**
 * How long after a school's write its public answers are built from the primary rather than the
 * read replica: replication normally lags well under a second, and a page rebuilt from a replica
 * that has not caught up would be cached as if it were current (docs/scaling.md).
 */
export const FRESH_AFTER_WRITE_MS = 5_000;

/**
 * Which database builds a school's public answers: the replica, except for a school that wrote
 * in the last few seconds (or for everyone after a write that touches all schools).
 */
export function freshAfterWrites(primary: Database, replica: Database | undefined, now = () => Date.now()) {
  const lastWrite = new Map<number, number>();
  let lastWriteEverywhere = Number.NEGATIVE_INFINITY;
  const recent = (tenantId: number) => {
    const at = Math.max(lastWrite.get(tenantId) ?? Number.NEGATIVE_INFINITY, lastWriteEverywhere);
    return now() - at < FRESH_AFTER_WRITE_MS;
  };
  return {
    /** The replica (the primary when there is none). */
    db: replica ?? primary,
    recent,
    for: (tenantId: number): Database => (replica && !recent(tenantId) ? replica : primary),
    /** A write of this school, or of every school when undefined (bus events say which). */
    wrote(tenantId: number | undefined) {
      if (!replica) return;
      if (tenantId === undefined) lastWriteEverywhere = now();
      else lastWrite.set(tenantId, now());
      // Old entries only cost memory: drop them once the map grows.
      if (lastWrite.size > 10_000) {
        for (const [id, at] of lastWrite) if (now() - at >= FRESH_AFTER_WRITE_MS) lastWrite.delete(id);
      }
    },
  };
}
