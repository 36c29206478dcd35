import type { Executor } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import type { Role } from '../tenants/roles.ts';
import { workshopTeacher } from '../workshops/workshop-teacher.ts';
import type { BookingFilters } from './procedures/list-bookings.schema.ts';
import { staffRoleOn } from './staff-access.ts';
import {
  type BookingStatus,
  findStaffSession,
  type StaffBookingFilters,
  type StaffSessionRow,
} from './staff-bookings.repo.ts';

/** What the list shows without a status filter: lapsed and failed holds never became bookings. */
export const LISTED_STATUSES: readonly BookingStatus[] = ['pending', 'accepted', 'cancelled'];

export interface StaffViewer {
  tenantId: number;
  userId: number;
  role: Role;
}

/**
 * The filters as the database applies them, for `booking.list` and the CSV export. A MEMBER sees
 * the bookings of the workshops they teach only (as `workshop.getBookings`): asking for another
 * teacher's, or for a workshop or session they do not teach, is FORBIDDEN; another tenant's
 * workshop or session is not found. Returns the session too when the filters name one.
 */
export async function scopeBookingFilters(
  db: Executor,
  viewer: StaffViewer,
  input: BookingFilters,
): Promise<{ filters: StaffBookingFilters; session: StaffSessionRow | undefined }> {
  const actor = { actorId: viewer.userId, role: viewer.role };
  const [workshop, session] = await Promise.all([
    input.workshopId === undefined ? undefined : workshopTeacher(db, viewer.tenantId, input.workshopId),
    input.sessionId === undefined ? undefined : findStaffSession(db, viewer.tenantId, input.sessionId),
  ]);
  if (input.workshopId !== undefined) {
    if (!workshop) throw new AppError('WORKSHOP_NOT_FOUND');
    staffRoleOn(actor, workshop.teacherId);
  }
  if (input.sessionId !== undefined) {
    if (!session) throw new AppError('NOT_FOUND', 'Session not found');
    staffRoleOn(actor, session.teacherId);
  }
  const member = viewer.role === 'MEMBER';
  if (member && input.teacherId !== undefined && input.teacherId !== viewer.userId) {
    throw new AppError('FORBIDDEN', 'A teacher sees the bookings of their own classes only');
  }
  const filters = {
    tenantId: viewer.tenantId,
    statuses: input.status ? [input.status] : LISTED_STATUSES,
    fromDay: input.from,
    toDay: input.to,
    workshopId: input.workshopId,
    sessionId: input.sessionId,
    teacherId: member ? viewer.userId : input.teacherId,
  };
  return { filters, session };
}
