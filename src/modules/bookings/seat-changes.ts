import type { CacheBus } from '../../lib/cache-bus.ts';

export interface SeatChangeDeps {
  bus: CacheBus;
  wakeOutbox: () => void;
}

/**
 * After a commit that changed seat counts: every instance drops those tenants' cached seats, and
 * the outbox is woken when the commit queued messages for it.
 */
export async function announceSeatChanges(deps: SeatChangeDeps, tenantIds: Iterable<number>, wake: boolean) {
  for (const tenantId of new Set(tenantIds)) await deps.bus.publish({ type: 'seats', tenantId });
  if (wake) deps.wakeOutbox();
}
