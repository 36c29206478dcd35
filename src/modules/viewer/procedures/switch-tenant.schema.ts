import { z } from 'zod';
import { dbId } from '../../../lib/boundary.schema.ts';

export const switchTenantInput = z.object({ tenantId: dbId() });
export const switchTenantOutput = z.object({ success: z.boolean(), activeTenantId: z.number() });
