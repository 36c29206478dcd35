import { z } from 'zod';

// What the SSO callback and the incoming webhook answer, for the OpenAPI document and its drift test.

export const ssoCallbackResponse = z.strictObject({
  success: z.literal(true),
  sessionToken: z.string(),
  user: z.strictObject({
    id: z.number(),
    email: z.string(),
    name: z.string(),
    tenantId: z.number(),
    role: z.enum(['OWNER', 'ADMIN', 'MEMBER', 'STUDENT']),
  }),
});

export const immersioWebhookResponse = z.strictObject({ success: z.literal(true), processed: z.boolean() });
