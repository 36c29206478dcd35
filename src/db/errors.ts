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
 * PostgreSQL gave up on the transaction to break a deadlock (40P01) or a serialization conflict
 * (40001): nothing was written, and running it again, once the other side has committed, works.
 */
export function transientConflict(error: unknown): boolean {
  const state = sqlState(error);
  return state === '40P01' || state === '40001';
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

// Connection exceptions (class 08), the server shutting down or starting up (57P01–57P03), and
// too many connections: nothing wrong with the request, the database is away for a moment.
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND']);
// node-postgres says these in words only: a connection cut mid-query, a pool that could not connect.
const UNAVAILABLE_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable)/;

/**
 * The database could not be reached (a restart, a failover, a full pool): 503 with a hint to
 * retry, instead of a 500 that pages someone for a request that will succeed in a second.
 */
export function databaseUnavailable(error: unknown): AppError | undefined {
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined; e; ) {
    const code = typeof e.code === 'string' ? e.code : '';
    const unavailable =
      code.startsWith('08') ||
      UNAVAILABLE_STATES.has(code) ||
      UNAVAILABLE_SOCKET_CODES.has(code) ||
      (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message));
    if (unavailable) {
      return new AppError('SERVICE_UNAVAILABLE', undefined, { cause: error });
    }
    e = e.cause as typeof e;
  }
  return undefined;
}

/** What a database error means to the caller, if it means anything but a bug: 400 or 503. */
export function databaseFailure(error: unknown): AppError | undefined {
  return rejectedByDatabase(error) ?? databaseUnavailable(error);
}
