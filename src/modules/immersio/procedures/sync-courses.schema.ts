import { z } from 'zod';

export const syncCoursesInput = z.object({ fullSync: z.boolean().default(false) });

export const syncCoursesOutput = z.object({
  syncId: z.number(),
  status: z.enum(['started', 'completed', 'failed']),
  coursesFound: z.number(),
  coursesUpdated: z.number(),
  coursesCreated: z.number(),
  errors: z.array(z.object({ courseId: z.string(), error: z.string() })),
});
