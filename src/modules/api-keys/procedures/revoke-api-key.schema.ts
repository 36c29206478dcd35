import { z } from 'zod';
import { dbId } from '../../../lib/boundary.schema.ts';

export const revokeApiKeyInput = z.object({ id: dbId() });
export const revokeApiKeyOutput = z.object({ success: z.literal(true) });
