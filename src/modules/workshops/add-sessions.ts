import type { Database } from '../../db/client.ts';
import type { CacheBus } from '../../lib/cache-bus.ts';
import { AppError } from '../../lib/errors.ts';
import { busyRanges, planStarts, type RecurrenceRule } from './schedule.ts';
import { assertTeacherFree } from './teacher-free.ts';
import * as repo from './workshops.repo.ts';

/**
 * More sessions, planned like create's: one, or a series in the given (else the teacher's)
 * zone. A time that already has a scheduled session is skipped, so repeating a call is safe.
 * A slot-booked workshop given planned sessions is booked on them from then on.
 */
export async function addSessions(
  deps: { db: Database; bus: CacheBus; now: () => Date },
  input: {
    tenantId: number;
    workshopId: number;
    startTime: Date;
    recurrence?: RecurrenceRule | undefined;
    timeZone?: string | undefined;
  },
) {
  const now = deps.now();
  const result = await deps.db.transaction(async (tx) => {
    const current = await repo.lockWorkshopForEdit(tx, input.tenantId, input.workshopId);
    if (!current) throw new AppError('WORKSHOP_NOT_FOUND');
    if (current.status === 'archived') {
      throw new AppError('VALIDATION_ERROR', 'workshopId: an archived workshop takes no new sessions');
    }
    const teacher = await repo.findTeacher(tx, input.tenantId, current.teacherId);
    const timeZone = input.timeZone ?? teacher?.timeZone ?? 'UTC';
    const starts = planStarts(now, input.startTime, timeZone, input.recurrence);
    const existing = await repo.scheduledStartTimes(tx, input.tenantId, input.workshopId);
    const fresh = starts.filter((start) => !existing.has(start.getTime()));
    await assertTeacherFree(tx, {
      tenantId: input.tenantId,
      teacherId: current.teacherId,
      ranges: busyRanges(fresh, current),
    });
    // Planned times make it a fixed-schedule workshop: a workshop is booked one way or the other.
    if (current.bookingMode === 'slots' && fresh.length > 0) {
      await repo.updateWorkshopRow(tx, input.tenantId, input.workshopId, { bookingMode: 'fixed' }, now);
    }
    const sessions = await repo.insertSessionsReturning(
      tx,
      fresh.map((start) => ({
        tenantId: input.tenantId,
        workshopId: input.workshopId,
        startTime: start,
        endTime: new Date(start.getTime() + current.durationMinutes * 60_000),
        timeZone,
        seats: current.seats,
      })),
    );
    return {
      success: true,
      added: sessions.length,
      duplicatesSkipped: starts.length - fresh.length,
      sessions,
    };
  });
  await deps.bus.publish({ type: 'catalog', tenantId: input.tenantId });
  return result;
}
