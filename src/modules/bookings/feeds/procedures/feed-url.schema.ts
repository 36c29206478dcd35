import { z } from 'zod';

export const feedUrlInput = z
  .object({
    /** `teacher` (default): the sessions the caller teaches. `school`: every session (admins). */
    scope: z.enum(['teacher', 'school']).default('teacher'),
  })
  .default({ scope: 'teacher' });

export const feedUrlOutput = z.object({
  /** A secret https URL; calendar apps subscribe to it (the staff app offers it as `webcal://` too). */
  url: z.url(),
});
