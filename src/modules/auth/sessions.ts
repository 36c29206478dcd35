import type { Executor } from '../../db/client.ts';
import * as users from './users.repo.ts';

// The session's chosen school, which the viewer resolver honours while the user is a member there.

export function chooseSessionTenant(db: Executor, sessionId: number, tenantId: number) {
  return users.setSessionActiveTenant(db, sessionId, tenantId);
}

export function chooseSessionTenantByToken(db: Executor, token: string, tenantId: number) {
  return users.setSessionActiveTenantByToken(db, token, tenantId);
}
