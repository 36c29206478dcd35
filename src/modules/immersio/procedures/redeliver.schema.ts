import { z } from 'zod';
import { webhookMessageOutput } from './list-deliveries.schema.ts';

export const redeliverInput = z.object({ messageId: z.number().int().positive() });

export const redeliverOutput = webhookMessageOutput;
