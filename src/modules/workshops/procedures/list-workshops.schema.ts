import { z } from 'zod';
import { dbId } from '../../../lib/boundary.schema.ts';

export const listWorkshopsInput = z.object({
  status: z.enum(['active', 'draft', 'archived']).optional(),
  teacherId: dbId().optional(),
  immersioCourseId: z.string().min(1).max(200).optional(),
  /** Beyond the spec: part of the title, any case; blank means no title filter. */
  search: z.string().trim().max(100).optional(),
  page: z.number().int().min(1).max(100_000).default(1),
  limit: z.number().int().min(1).max(100).default(20),
});

export const listWorkshopsOutput = z.object({
  workshops: z.array(
    z.object({
      id: z.number(),
      eventTypeId: z.number(),
      title: z.string(),
      slug: z.string(),
      description: z.string().nullable(),
      duration: z.number(),
      price: z.number(),
      currency: z.string(),
      seats: z.number(),
      bookedSeats: z.number(),
      teacher: z.object({ id: z.number(), name: z.string(), avatarUrl: z.string().nullable() }),
      whitelistEnabled: z.boolean(),
      immersioCourseId: z.string().nullable(),
      status: z.enum(['active', 'draft', 'archived']),
      nextOccurrence: z.date().nullable(),
      createdAt: z.date(),
    }),
  ),
  totalCount: z.number(),
  page: z.number(),
  totalPages: z.number(),
});
