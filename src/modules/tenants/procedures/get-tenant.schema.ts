import { z } from 'zod';

export const getTenantInput = z.object({}).optional();

export const getTenantOutput = z.object({
  id: z.number(),
  name: z.string(),
  slug: z.string(),
  logoUrl: z.string().nullable(),
  plan: z.object({
    type: z.enum(['lite', 'starter', 'growth', 'pro', 'enterprise']),
    maxTeachers: z.number(),
    maxBookingsPerMonth: z.number(),
    maxEventTypes: z.number(),
    features: z.record(z.string(), z.boolean()),
  }),
  stripeConnected: z.boolean(),
  immersioConnected: z.boolean(),
  landingPagePublished: z.boolean(),
  createdAt: z.date(),
});
