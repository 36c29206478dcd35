import type { Executor } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import { firstBookedConflict } from './teacher-busy.repo.ts';

/**
 * Refuses new sessions that would overlap a session the teacher already has students in, naming
 * that class. The exclusion constraint only compares booked sessions, so without this a staff
 * member could plan a class on top of a booked one and learn of it when its first student is
 * refused; this says so when the session is planned.
 */
export async function assertTeacherFree(
  db: Executor,
  input: {
    tenantId: number;
    teacherId: number;
    ranges: ReadonlyArray<{ from: Date; until: Date }>;
    exceptWorkshopId?: number | undefined;
    exceptSessionId?: number | undefined;
  },
) {
  const conflict = await firstBookedConflict(db, input);
  if (conflict) {
    throw new AppError(
      'TEACHER_UNAVAILABLE',
      `The teacher already teaches "${conflict.title}" at ${conflict.startTime.toISOString()}, which has bookings`,
    );
  }
}
