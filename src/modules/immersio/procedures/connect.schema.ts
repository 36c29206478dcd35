import { z } from 'zod';

export const connectInput = z.object({
  immersioOrgId: z.string().trim().min(1).max(200),
  apiKey: z.string().trim().min(1).max(500),
  webhookUrl: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .max(2048)
    .optional(),
});

export const connectOutput = z.object({
  success: z.boolean(),
  integrationId: z.number(),
  testResult: z.object({
    connectionValid: z.boolean(),
    orgName: z.string().optional(),
    courseCount: z.number().optional(),
    error: z.string().optional(),
  }),
});
