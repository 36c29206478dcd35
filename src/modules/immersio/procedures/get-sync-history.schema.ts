import { z } from 'zod';

export const getSyncHistoryInput = z.object({
  syncType: z.enum(['courses', 'students', 'all']).optional(),
  limit: z.number().int().min(1).max(100).default(20),
});

export const getSyncHistoryOutput = z.object({
  logs: z.array(
    z.object({
      id: z.number(),
      syncType: z.string(),
      direction: z.enum(['pull', 'push']),
      status: z.string(),
      recordsProcessed: z.number(),
      recordsFailed: z.number(),
      startedAt: z.date(),
      completedAt: z.date().nullable(),
      errorDetails: z.any().nullable(),
    }),
  ),
});
