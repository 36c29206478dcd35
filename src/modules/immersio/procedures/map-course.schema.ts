import { z } from 'zod';
import { dbId } from '../../../lib/boundary.schema.ts';

export const mapCourseInput = z.object({
  workshopId: dbId(),
  immersioCourseId: z.string().trim().min(1).max(200),
  syncStudents: z.boolean().default(true),
});

export const mapCourseOutput = z.object({
  mappingId: z.number(),
  courseName: z.string(),
  studentCount: z.number(),
  whitelistUpdated: z.boolean(),
});
