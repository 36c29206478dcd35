import { z } from 'zod';

export const switchTenantInput = z.object({ tenantId: z.number().int().positive() });
export const switchTenantOutput = z.object({ success: z.boolean(), activeTenantId: z.number() });
