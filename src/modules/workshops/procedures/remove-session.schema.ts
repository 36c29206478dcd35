import { z } from 'zod';
import { dbId } from '../../../lib/boundary.schema.ts';

export const removeSessionInput = z.object({
  workshopId: dbId(),
  sessionId: dbId(),
});

export const removeSessionOutput = z.object({ success: z.boolean() });
