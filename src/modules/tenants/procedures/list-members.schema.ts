import { z } from 'zod';

export const listMembersOutput = z.object({
  members: z.array(
    z.object({
      userId: z.number(),
      name: z.string(),
      email: z.string(),
      avatarUrl: z.string().nullable(),
      timeZone: z.string(),
      role: z.enum(['OWNER', 'ADMIN', 'MEMBER']),
    }),
  ),
});
