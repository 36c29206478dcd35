import { z } from 'zod';

/**
 * What may cross the boundary into the service, whatever the procedure or route. Every input is
 * checked against these before its own schema (src/trpc/procedures.ts, src/http/input-guard.ts),
 * so a new field cannot forget them; the id and instant types let schemas say it too.
 */

/** PostgreSQL's `integer`: every id column is a serial. */
export const INT4_MAX = 2_147_483_647;

/** A row id as the database can hold it: above INT4_MAX is a 400, not an out-of-range 500. */
export const dbId = () => z.number().int().positive().max(INT4_MAX);

/**
 * The instants a booking product deals in. Far outside, calendars and time-zone arithmetic
 * (Luxon, Intl, PostgreSQL's range) give up in ways that are not the caller's business to see.
 */
export const EARLIEST_INSTANT = new Date('1970-01-01T00:00:00.000Z');
export const LATEST_INSTANT = new Date('2200-01-01T00:00:00.000Z');

export interface UnsafeInput {
  path: string[];
  message: string;
}

const MAX_DEPTH = 32;

/**
 * The first value in `input` that no field accepts: a string with a NUL (PostgreSQL text cannot
 * hold one) or a lone UTF-16 surrogate (not Unicode; stored, it would silently become U+FFFD), a
 * date outside the instants above, a number that is not finite, or nesting deeper than any input.
 */
export function findUnsafeInput(input: unknown, path: string[] = []): UnsafeInput | undefined {
  if (typeof input === 'string') {
    if (input.includes('\u0000')) return { path, message: 'must not contain NUL characters' };
    if (!input.isWellFormed()) return { path, message: 'must be valid Unicode (a lone surrogate was sent)' };
    return undefined;
  }
  if (typeof input === 'number') {
    return Number.isFinite(input) ? undefined : { path, message: 'must be a finite number' };
  }
  if (input instanceof Date) {
    const time = input.getTime();
    if (Number.isNaN(time) || time < EARLIEST_INSTANT.getTime() || time > LATEST_INSTANT.getTime()) {
      return { path, message: 'must be a date between 1970 and 2200' };
    }
    return undefined;
  }
  if (input === null || typeof input !== 'object') return undefined;
  if (path.length >= MAX_DEPTH) return { path, message: 'is nested too deeply' };
  if (input instanceof Map || input instanceof Set) {
    let index = 0;
    for (const value of input instanceof Map ? [...input.keys(), ...input.values()] : input) {
      const found = findUnsafeInput(value, [...path, String(index++)]);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof (input as { arrayBuffer?: unknown }).arrayBuffer === 'function') return undefined;
  if (input instanceof FormData) return undefined;
  for (const [key, value] of Object.entries(input)) {
    const keyProblem = findUnsafeInput(key, [...path, '(key)']);
    if (keyProblem) return keyProblem;
    const found = findUnsafeInput(value, [...path, key]);
    if (found) return found;
  }
  return undefined;
}
