import type { Executor } from '../../db/client.ts';
import { findWorkshopTeacher } from './workshop-bookings.repo.ts';

/**
 * The teacher of one of the tenant's workshops, for other domains deciding whether a MEMBER may
 * act on it; undefined when the workshop is not this tenant's.
 */
export function workshopTeacher(db: Executor, tenantId: number, workshopId: number) {
  return findWorkshopTeacher(db, tenantId, workshopId);
}
