import { z } from 'zod';

export const mapCourseInput = z.object({
  workshopId: z.number().int().positive(),
  immersioCourseId: z.string().trim().min(1).max(200),
  syncStudents: z.boolean().default(true),
});

export const mapCourseOutput = z.object({
  mappingId: z.number(),
  courseName: z.string(),
  studentCount: z.number(),
  whitelistUpdated: z.boolean(),
});
