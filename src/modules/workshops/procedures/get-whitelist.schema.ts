import { z } from 'zod';
import { dbId } from '../../../lib/boundary.schema.ts';

/** Beyond the spec: reading a workshop's whitelist, a page at a time. */
export const getWhitelistInput = z.object({
  workshopId: dbId(),
  page: z.number().int().min(1).max(100_000).default(1),
  limit: z.number().int().min(1).max(200).default(50),
  /** Part of an email or a name, any case; blank means all. */
  search: z.string().trim().max(200).optional(),
});

export type GetWhitelistInput = z.output<typeof getWhitelistInput>;

export const getWhitelistOutput = z.object({
  entries: z.array(
    z.object({
      email: z.string(),
      name: z.string().nullable(),
      immersioStudentId: z.string().nullable(),
      createdAt: z.date(),
    }),
  ),
  /** Entries matching `search` (all of them without it). */
  totalCount: z.number(),
  page: z.number(),
  totalPages: z.number(),
});
