import { AppError } from '../../lib/errors.ts';
import type { BookingCatalog } from './booking-catalog.ts';

/**
 * The tenant, workshop and session a booking asks for, from the booking catalogue, refused when
 * one is missing or the session is closed. The seat statement checks all of it again.
 */
export async function findBookableSession(
  deps: { catalog: BookingCatalog },
  input: { tenantSlug: string; workshopSlug: string; startTime: Date },
  now: Date,
) {
  const tenant = await deps.catalog.tenant(input.tenantSlug);
  if (!tenant) throw new AppError('TENANT_NOT_FOUND');
  const slot = await deps.catalog.workshop(tenant.id, input.workshopSlug);
  if (slot?.status !== 'active') throw new AppError('WORKSHOP_NOT_FOUND');
  const session = slot.sessions.get(input.startTime.getTime());
  if (!session) {
    throw new AppError(
      'NOT_FOUND',
      `No session of "${slot.title}" starts at ${input.startTime.toISOString()}; see the workshop's schedule`,
    );
  }
  if (session.status !== 'scheduled') throw new AppError('BOOKING_CLOSED', 'This session was cancelled');
  if (session.startTime <= now) throw new AppError('BOOKING_CLOSED', 'This session has already started');
  return { tenant, slot, session };
}
