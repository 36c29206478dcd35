import type { Database } from '../../db/client.ts';
import type { CacheBus } from '../../lib/cache-bus.ts';
import { AppError } from '../../lib/errors.ts';
import { chooseSessionTenant } from '../auth/sessions.ts';
import type { Viewer } from './viewer-resolver.ts';

export function createViewerService(deps: { db: Database; bus: CacheBus }) {
  return {
    async switchTenant({ viewer, tenantId }: { viewer: Viewer; tenantId: number }) {
      // Not a member looks the same as no such tenant: ids of other tenants reveal nothing.
      if (!viewer.memberships.some((m) => m.tenantId === tenantId)) throw new AppError('TENANT_NOT_FOUND');
      await chooseSessionTenant(deps.db, viewer.sessionId, tenantId);
      await deps.bus.publish({ type: 'session', token: viewer.sessionToken });
      return { success: true, activeTenantId: tenantId };
    },
  };
}
