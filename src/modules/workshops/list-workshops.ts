import type { Executor } from '../../db/client.ts';
import * as repo from './workshop-list.repo.ts';

/** One page of the tenant's workshops, filtered; any member may list them. */
export async function listWorkshops(
  deps: { db: Executor; now: () => Date },
  input: repo.ListFilters & { page: number; limit: number },
) {
  const offset = (input.page - 1) * input.limit;
  const [rows, totalCount] = await Promise.all([
    repo.listWorkshops(deps.db, input, { limit: input.limit, offset }, deps.now()),
    repo.countWorkshops(deps.db, input),
  ]);
  return {
    workshops: rows.map((row) => ({
      id: row.id,
      eventTypeId: row.eventTypeId,
      title: row.title,
      slug: row.slug,
      description: row.description,
      duration: row.duration,
      price: row.price,
      currency: row.currency,
      seats: row.seats,
      bookedSeats: row.bookedSeats,
      teacher: { id: row.teacherId, name: row.teacherName, avatarUrl: row.teacherAvatarUrl },
      whitelistEnabled: row.whitelistEnabled,
      immersioCourseId: row.immersioCourseId,
      status: row.status,
      nextOccurrence: row.nextOccurrence,
      createdAt: row.createdAt,
    })),
    totalCount,
    page: input.page,
    totalPages: Math.ceil(totalCount / input.limit),
  };
}
