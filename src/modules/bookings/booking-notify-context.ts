import type { Executor } from '../../db/client.ts';
import { findTenant } from '../tenants/tenant-lookup.ts';
import { type BookableWorkshop, findWorkshopById } from './bookable-workshops.repo.ts';
import type { BookingTenant } from './booking-tenant.ts';
import type { NotifyContext } from './notifications.ts';

/** What the notices of a booking of `workshop` need; staff read times in the tenant's zone. */
export function notifyContext(
  env: NotifyContext['env'],
  tenant: BookingTenant,
  workshop: BookableWorkshop,
  now: Date,
): NotifyContext {
  return { env, now, tenant, workshop, staffTimeZone: tenant.timeZone };
}

/** The same, reading the tenant and the workshop (inside the caller's transaction). */
export async function loadNotifyContext(
  deps: { env: NotifyContext['env']; now: () => Date },
  db: Executor,
  tenantId: number,
  workshopId: number,
): Promise<NotifyContext> {
  const [tenant, workshop] = await Promise.all([
    findTenant(db, { id: tenantId }),
    findWorkshopById(db, tenantId, workshopId),
  ]);
  return notifyContext(deps.env, tenant!, workshop!, deps.now());
}
