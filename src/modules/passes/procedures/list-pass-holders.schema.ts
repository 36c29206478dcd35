import { z } from 'zod';
import { dbId } from '../../../lib/boundary.schema.ts';
import { passHolderOutput } from './pass-fields.schema.ts';

const cursor = z.object({ createdAt: z.date(), id: dbId() });

export const PASS_HOLDER_FILTERS = ['usable', 'used_up', 'expired', 'pending', 'unpaid'] as const;

export const listPassHoldersInput = z.object({
  passId: dbId().optional(),
  /** Part of the buyer's name or e-mail. */
  search: z.string().trim().min(1).max(200).optional(),
  state: z.enum(PASS_HOLDER_FILTERS).optional(),
  limit: z.number().int().min(1).max(100).default(50),
  cursor: cursor.optional(),
});

export const listPassHoldersOutput = z.object({
  items: z.array(passHolderOutput),
  nextCursor: cursor.nullable(),
});

export type PassHolder = z.infer<typeof passHolderOutput>;
