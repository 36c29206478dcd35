import { z } from 'zod';

// Query strings carry text: ids are read as numbers here, then checked by the list's own schema.
const id = z.coerce.number().int().positive().optional();
export const exportQuery = z.object({
  status: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  workshopId: id,
  teacherId: id,
  sessionId: id,
});
