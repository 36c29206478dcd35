import { z } from 'zod';

export const unpublishInput = z.object({}).optional();
export const unpublishOutput = z.object({ success: z.boolean(), updatedAt: z.date() });
