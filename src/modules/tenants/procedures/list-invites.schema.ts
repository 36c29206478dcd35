import { z } from 'zod';

export const listInvitesOutput = z.object({
  invites: z.array(
    z.object({
      id: z.number(),
      email: z.string(),
      name: z.string().nullable(),
      role: z.enum(['ADMIN', 'MEMBER']),
      createdAt: z.date(),
      expiresAt: z.date(),
      invitedBy: z.string().nullable(),
      /** `expired` invites hold no seat on the plan; resending opens them again. */
      status: z.enum(['open', 'expired']),
    }),
  ),
});
