import { z } from 'zod';

export const listApiKeysOutput = z.object({
  keys: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      /** The key's first characters (`ibs_…`), to recognise it; never the whole key. */
      prefix: z.string(),
      createdAt: z.date(),
      expiresAt: z.date().nullable(),
      lastUsedAt: z.date().nullable(),
      createdBy: z.object({ id: z.number(), name: z.string() }),
    }),
  ),
});
