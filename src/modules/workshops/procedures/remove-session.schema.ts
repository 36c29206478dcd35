import { z } from 'zod';

export const removeSessionInput = z.object({
  workshopId: z.number().int().positive(),
  sessionId: z.number().int().positive(),
});

export const removeSessionOutput = z.object({ success: z.boolean() });
