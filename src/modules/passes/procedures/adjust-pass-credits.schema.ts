import { z } from 'zod';
import { dbId } from '../../../lib/boundary.schema.ts';
import { passEntryOutput } from './get-pass-holder.schema.ts';
import { passHolderOutput } from './pass-fields.schema.ts';

export const adjustPassCreditsInput = z.object({
  studentPassId: dbId(),
  /** Credits to add (a grant) or, negative, to take away. */
  delta: z
    .number()
    .int()
    .min(-1000)
    .max(1000)
    .refine((n) => n !== 0, 'must not be 0'),
  /** Why: kept in the pass's history, which its student sees. */
  reason: z.string().trim().min(1).max(500),
});

export const adjustPassCreditsOutput = z.object({
  pass: passHolderOutput,
  entry: passEntryOutput,
});
