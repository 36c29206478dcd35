import { z } from 'zod';

export const publishInput = z.object({}).optional();
export const publishOutput = z.object({ success: z.boolean(), publicUrl: z.string(), publishedAt: z.date() });
