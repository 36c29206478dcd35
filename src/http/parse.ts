import type { z } from 'zod';
import { validationError } from '../lib/errors.ts';

/** REST input parsing: zod, and a 400 VALIDATION_ERROR naming the fields on failure. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error.issues);
  return result.data;
}
