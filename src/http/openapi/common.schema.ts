import { z } from 'zod';
import { ERROR_STATUS } from '../../lib/errors.ts';

/** The REST error body (docs/errors.md): every failure of every route answers this. */
export const errorBody = z.object({
  error: z.string(),
  code: z.enum(Object.keys(ERROR_STATUS) as [keyof typeof ERROR_STATUS, ...(keyof typeof ERROR_STATUS)[]]),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  requestId: z.string().optional(),
});

/**
 * Answers whose full shape is not pinned down yet: the fields clients rely on are required and
 * typed, anything else is allowed, so the drift test still fails when one of those goes missing.
 */
export const loose = <T extends z.ZodRawShape>(shape: T) => z.looseObject(shape);
