import { z } from 'zod';

export const meOutput = z.object({
  id: z.number(),
  email: z.string(),
  name: z.string(),
  timeZone: z.string(),
  /** Beyond the spec (issue 18): the staff app's and staff e-mails' language. */
  language: z.string(),
  activeTenantId: z.number().nullable(),
  memberships: z.array(
    z.object({
      tenantId: z.number(),
      tenantSlug: z.string(),
      tenantName: z.string(),
      role: z.enum(['OWNER', 'ADMIN', 'MEMBER']),
    }),
  ),
  /** Only on a student's Immersio session: their Immersio student id in the session's school. */
  immersioStudentId: z.string().optional(),
  /** Only when called with an API key: the key (id, name, prefix); the rest describes its creator. */
  apiKey: z.object({ id: z.number(), name: z.string(), prefix: z.string() }).optional(),
});
