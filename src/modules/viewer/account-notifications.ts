import type { Database } from '../../db/client.ts';
import { getMemberNotifications, setMemberNotifications } from '../tenants/member-notifications.ts';

// The account screen's e-mail settings: the signed-in person's own, in the school they are
// working in (every role may set theirs; an API key is no person and may not).

export function getNotifications(deps: { db: Database }, input: { tenantId: number; actorId: number }) {
  return getMemberNotifications(deps.db, input.tenantId, input.actorId);
}

export function updateNotifications(
  deps: { db: Database },
  input: { tenantId: number; actorId: number; dailyDigest: boolean },
) {
  return setMemberNotifications(deps.db, input.tenantId, input.actorId, { dailyDigest: input.dailyDigest });
}
