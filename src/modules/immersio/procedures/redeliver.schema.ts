import { z } from 'zod';
import { dbId } from '../../../lib/boundary.schema.ts';
import { webhookMessageOutput } from './list-deliveries.schema.ts';

export const redeliverInput = z.object({ messageId: dbId() });

export const redeliverOutput = webhookMessageOutput;
