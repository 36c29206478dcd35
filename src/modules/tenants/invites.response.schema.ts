import { z } from 'zod';

// What the invite API answers, for the OpenAPI document and its drift test.

const role = z.enum(['OWNER', 'ADMIN', 'MEMBER']);

export const inviteDescription = z.strictObject({
  email: z.string(),
  name: z.string().nullable(),
  role,
  status: z.enum(['open', 'accepted', 'revoked', 'expired']),
  expiresAt: z.string(),
  tenant: z.strictObject({ name: z.string(), slug: z.string() }),
});

export const inviteAccepted = z.strictObject({
  success: z.literal(true),
  token: z.string(),
  user: z.strictObject({ id: z.number(), email: z.string(), name: z.string() }),
  tenant: z.strictObject({ id: z.number(), slug: z.string(), name: z.string() }),
  role,
});
