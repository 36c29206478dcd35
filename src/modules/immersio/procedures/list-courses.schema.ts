import { z } from 'zod';

/** Beyond the spec: the synced courses, for the staff app's course pickers and filters. */
export const listCoursesOutput = z.object({
  /** False when the school has no live Immersio integration (the list is then what an earlier one synced). */
  connected: z.boolean(),
  courses: z.array(
    z.object({
      immersioCourseId: z.string(),
      name: z.string(),
      status: z.string(),
      studentCount: z.number().nullable(),
    }),
  ),
  /** True when there were more courses than the list holds (see MAX_COURSES in list-courses.ts). */
  truncated: z.boolean(),
});
