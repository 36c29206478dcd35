import type { Tx } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import { expandRecurrence, type Frequency } from './recurrence.ts';
import { assertTeacherFree } from './teacher-free.ts';
import * as repo from './workshops.repo.ts';

export interface RecurrenceRule {
  frequency: Frequency;
  count?: number | undefined;
  endDate?: Date | undefined;
}

/** Session starts for a first session and an optional recurrence; the first must be in the future. */
export function planStarts(
  now: Date,
  startTime: Date,
  timeZone: string,
  recurrence?: RecurrenceRule,
): Date[] {
  const starts = expandRecurrence({
    start: startTime,
    timeZone,
    frequency: recurrence?.frequency ?? 'none',
    count: recurrence?.count,
    endDate: recurrence?.endDate,
  });
  if (startTime <= now) throw new AppError('VALIDATION_ERROR', 'startTime: must be in the future');
  return starts;
}

/**
 * A new upcoming schedule: sessions nobody has booked are replaced by the new series; booked
 * ones stay (a booked session is cancelled, not silently moved), and a new start that
 * coincides with a kept session is not doubled. The caller holds the upcoming sessions' locks.
 */
export async function replaceUpcomingSchedule(
  tx: Tx,
  plan: {
    tenantId: number;
    workshopId: number;
    upcoming: Array<{ id: number; startTime: Date; bookedSeats: number }>;
    starts: Date[];
    timeZone: string;
    durationMinutes: number;
    seats: number;
    teacherId: number;
    bufferBeforeMinutes: number;
    bufferAfterMinutes: number;
  },
): Promise<void> {
  const kept: number[] = [];
  const dropped: number[] = [];
  for (const session of plan.upcoming) {
    const booked =
      session.bookedSeats > 0 ||
      (await repo.hasLiveBookings(tx, plan.tenantId, plan.workshopId, session.startTime));
    (booked ? kept : dropped).push(booked ? session.startTime.getTime() : session.id);
  }
  await repo.deleteSessions(tx, plan.tenantId, plan.workshopId, dropped);
  const keptTimes = new Set(kept);
  const fresh = plan.starts.filter((start) => !keptTimes.has(start.getTime()));
  await assertTeacherFree(tx, {
    tenantId: plan.tenantId,
    teacherId: plan.teacherId,
    ranges: busyRanges(fresh, plan),
  });
  await repo.insertSessions(
    tx,
    fresh.map((start) => ({
      tenantId: plan.tenantId,
      workshopId: plan.workshopId,
      startTime: start,
      endTime: new Date(start.getTime() + plan.durationMinutes * 60_000),
      timeZone: plan.timeZone,
      seats: plan.seats,
    })),
  );
}

/** The time new sessions at `starts` keep their teacher busy: the session and its buffers. */
export function busyRanges(
  starts: readonly Date[],
  shape: { durationMinutes: number; bufferBeforeMinutes: number; bufferAfterMinutes: number },
) {
  return starts.map((start) => ({
    from: new Date(start.getTime() - shape.bufferBeforeMinutes * 60_000),
    until: new Date(start.getTime() + (shape.durationMinutes + shape.bufferAfterMinutes) * 60_000),
  }));
}
