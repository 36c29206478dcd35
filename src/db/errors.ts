import { AppError } from '../lib/errors.ts';

/** The constraint a unique violation (SQLSTATE 23505) hit, looking through Drizzle's wrapper. */
export function uniqueViolation(error: unknown): string | undefined {
  for (let e = error as { code?: string; constraint?: string; cause?: unknown } | undefined; e; ) {
    if (e.code === '23505') return e.constraint ?? '';
    e = e.cause as typeof e;
  }
  return undefined;
}

/** The constraint an exclusion violation (SQLSTATE 23P01) hit, looking through Drizzle's wrapper. */
export function exclusionViolation(error: unknown): string | undefined {
  for (let e = error as { code?: string; constraint?: string; cause?: unknown } | undefined; e; ) {
    if (e.code === '23P01') return e.constraint ?? '';
    e = e.cause as typeof e;
  }
  return undefined;
}

/**
 * The teacher-time constraint (migration 0012) refused a write: whatever booked the teacher's
 * time (a seat in a second overlapping session, a session moved onto a booked one, a workshop
 * handed to a busy teacher) is answered the same way wherever it happened.
 */
export function teacherBusy(error: unknown): AppError | undefined {
  if (exclusionViolation(error) !== 'workshop_sessions_teacher_busy') return undefined;
  return new AppError('TEACHER_UNAVAILABLE', 'The teacher already has a booked class at this time', {
    cause: error,
  });
}

/** The SQLSTATE of a database error, looking through Drizzle's wrapper. */
function sqlState(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

/**
 * A value the database refused as data (class 22: out of range, not representable, too long;
 * 54000: too large to index). The boundary types should stop such values first; this is the
 * wall behind them, so that a field they miss is still the caller's 400 and never a 500.
 */
export function rejectedByDatabase(error: unknown): AppError | undefined {
  const busy = teacherBusy(error);
  if (busy) return busy;
  const state = sqlState(error);
  if (state === undefined || !(state.startsWith('22') || state === '54000')) return undefined;
  return new AppError('VALIDATION_ERROR', 'A value is outside what this field accepts', {
    cause: error,
  });
}
