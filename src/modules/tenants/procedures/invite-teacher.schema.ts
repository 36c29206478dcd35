import { z } from 'zod';

export const inviteTeacherInput = z.object({
  email: z.string().trim().pipe(z.email()),
  name: z.string().trim().max(200).optional(),
  role: z.enum(['ADMIN', 'MEMBER']).default('MEMBER'),
});

export const inviteTeacherOutput = z.object({
  success: z.boolean(),
  inviteId: z.number(),
  inviteLink: z.string(),
});
