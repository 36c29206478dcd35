import { z } from 'zod';
import { dbId } from '../../../lib/boundary.schema.ts';

export const updateWhitelistInput = z.object({
  workshopId: dbId(),
  mode: z.enum(['add', 'replace', 'remove']),
  emails: z
    .array(
      z.object({
        email: z.string().trim().pipe(z.email()),
        name: z.string().max(200).optional(),
        immersioStudentId: z.string().max(200).optional(),
      }),
    )
    .max(10_000),
});

export const updateWhitelistOutput = z.object({
  success: z.boolean(),
  totalWhitelisted: z.number(),
  added: z.number(),
  removed: z.number(),
  duplicatesSkipped: z.number(),
});
