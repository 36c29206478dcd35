import type { z } from 'zod';

// Schemas found to hold an async refinement or transform: parsed asynchronously from then on.
const asyncSchemas = new WeakSet<z.ZodType>();

/**
 * `schema.safeParse`, falling back to `safeParseAsync` for the few schemas that need it. The
 * synchronous parse allocates no promise per object and field, which is most of what validating
 * a small cached answer costs. A synchronous parse fails at the first async check or transform it
 * meets (the upload's file decoding is one), which may have been started once and its answer
 * dropped, so the schema is remembered and never tried synchronously again.
 */
export async function safeParseSyncFirst<S extends z.ZodType>(
  schema: S,
  value: unknown,
): Promise<z.ZodSafeParseResult<z.output<S>>> {
  if (!asyncSchemas.has(schema)) {
    try {
      return schema.safeParse(value);
    } catch {
      // `$ZodAsyncError`, or, for an async transform inside a pipe, whatever the next step made of
      // the promise it was handed. A schema that throws for another reason throws again below.
      asyncSchemas.add(schema);
    }
  }
  return schema.safeParseAsync(value);
}
