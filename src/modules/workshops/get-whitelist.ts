import type { Executor } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import type { Role } from '../tenants/roles.ts';
import type { GetWhitelistInput } from './procedures/get-whitelist.schema.ts';
import * as repo from './whitelist.repo.ts';
import { findWorkshopTeacher } from './workshop-bookings.repo.ts';

/**
 * A workshop's whitelist, for staff: admins see any workshop's, a MEMBER only those of the
 * workshops they teach (as with its bookings). Another tenant's workshop is WORKSHOP_NOT_FOUND.
 */
export async function getWhitelist(
  deps: { db: Executor },
  input: GetWhitelistInput & { tenantId: number; actorId: number; role: Role },
) {
  const workshop = await findWorkshopTeacher(deps.db, input.tenantId, input.workshopId);
  if (!workshop) throw new AppError('WORKSHOP_NOT_FOUND');
  if (input.role === 'MEMBER' && workshop.teacherId !== input.actorId) {
    throw new AppError('FORBIDDEN', 'Only an admin or the workshop’s teacher can see its whitelist');
  }
  const filters = { tenantId: input.tenantId, workshopId: input.workshopId, search: input.search };
  const [rows, totalCount] = await Promise.all([
    repo.listWhitelistPage(deps.db, filters, { limit: input.limit, offset: (input.page - 1) * input.limit }),
    repo.countWhitelistMatches(deps.db, filters),
  ]);
  return {
    entries: rows,
    totalCount,
    page: input.page,
    totalPages: Math.ceil(totalCount / input.limit),
  };
}
