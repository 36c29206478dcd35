import type { Database } from '../../db/client.ts';
import type { CacheBus } from '../../lib/cache-bus.ts';
import { TtlCache } from '../../lib/ttl-cache.ts';
import { availabilityRulesFor } from '../availability/schedule-lookup.ts';
import type { AvailabilityRules } from '../availability/schedule-shape.schema.ts';
import { findTenant } from '../tenants/tenant-lookup.ts';
import { type BookableWorkshop, findWorkshopBySlug, sessionsSince } from './bookable-workshops.repo.ts';
import type { BookingTenant } from './booking-tenant.ts';

export interface SessionRef {
  id: number;
  startTime: Date;
  endTime: Date;
  status: string;
}

export type CatalogWorkshop = BookableWorkshop & {
  sessions: Map<number, SessionRef>;
  /** A slot-booked workshop's hours (its schedule, or its teacher's default); none: no slots. */
  rules: AvailabilityRules | undefined;
};

// Short enough that a change missed by the bus (Redis away) is seen soon; the bus drops
// entries on every instance as soon as a tenant, workshop or schedule changes.
const TTL_MS = 10_000;
// Sessions that started this long ago still answer "closed" rather than "no such session".
const WEEK_MS = 7 * 86_400_000;

/**
 * What taking a booking reads before it writes: the tenant by slug and the workshop with its
 * sessions by start time. Kept in memory so a booking is one statement on the database; the
 * statement itself re-checks everything that decides a seat (session open, not started, seats
 * left, workshop active), so a stale entry can never oversell or book a closed session.
 */
export function createBookingCatalog(deps: { db: Database; bus: CacheBus }) {
  const tenants = new TtlCache<string, BookingTenant | null>({ ttlMs: TTL_MS, maxEntries: 5000 });
  const workshops = new TtlCache<string, CatalogWorkshop | null>({ ttlMs: TTL_MS, maxEntries: 5000 });
  const workshopKeys = new Map<number, Set<string>>();

  deps.bus.subscribe((event) => {
    if (event.type === 'all') {
      tenants.clear();
      workshops.clear();
      workshopKeys.clear();
    }
    // Tenant changes (Stripe account, plan, slug) are rare: drop every tenant entry.
    if (event.type === 'tenant') tenants.clear();
    if (event.type === 'tenant' || event.type === 'catalog') {
      for (const key of workshopKeys.get(event.tenantId) ?? []) workshops.delete(key);
      workshopKeys.delete(event.tenantId);
    }
  });

  return {
    async tenant(slug: string): Promise<BookingTenant | undefined> {
      const cached = tenants.get(slug);
      if (cached !== undefined) return cached ?? undefined;
      const row = await findTenant(deps.db, { slug });
      tenants.set(slug, row ?? null);
      return row;
    },

    async workshop(tenantId: number, slug: string): Promise<CatalogWorkshop | undefined> {
      const key = `${tenantId}/${slug}`;
      const cached = workshops.get(key);
      if (cached !== undefined) return cached ?? undefined;
      const row = await findWorkshopBySlug(deps.db, tenantId, slug);
      const value = row
        ? {
            ...row,
            sessions: new Map(
              (await sessionsSince(deps.db, tenantId, row.workshopId, new Date(Date.now() - WEEK_MS))).map(
                (s) => [s.startTime.getTime(), s],
              ),
            ),
            rules:
              row.bookingMode === 'slots'
                ? await availabilityRulesFor(deps.db, {
                    tenantId,
                    teacherId: row.teacherId,
                    scheduleId: row.scheduleId,
                  })
                : undefined,
          }
        : null;
      workshops.set(key, value);
      const keys = workshopKeys.get(tenantId) ?? new Set<string>();
      workshopKeys.set(tenantId, keys.add(key));
      return value ?? undefined;
    },
  };
}

export type BookingCatalog = ReturnType<typeof createBookingCatalog>;
