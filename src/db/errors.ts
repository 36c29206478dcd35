import { AppError } from '../lib/errors.ts';

/** The constraint a unique violation (SQLSTATE 23505) hit, looking through Drizzle's wrapper. */
export function uniqueViolation(error: unknown): string | undefined {
  for (let e = error as { code?: string; constraint?: string; cause?: unknown } | undefined; e; ) {
    if (e.code === '23505') return e.constraint ?? '';
    e = e.cause as typeof e;
  }
  return undefined;
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
  const state = sqlState(error);
  if (state === undefined || !(state.startsWith('22') || state === '54000')) return undefined;
  return new AppError('VALIDATION_ERROR', 'A value is outside what this field accepts', {
    cause: error,
  });
}
