import type { Database } from '../../db/client.ts';
import type { CacheBus } from '../../lib/cache-bus.ts';
import { updateAccountProfile } from '../auth/profile.ts';
import { listMemberships } from '../tenants/tenant-lookup.ts';

/**
 * The account screen's name, time zone and language (issue 18: staff e-mails are written in it). A new name shows on every page of the schools the
 * person teaches for (and in their booking addresses): those schools' cached public answers go too.
 */
export async function updateProfile(
  deps: { db: Database; bus: CacheBus; now: () => Date },
  input: {
    userId: number;
    currentName: string;
    name: string;
    timeZone: string;
    language?: string | undefined;
  },
) {
  const user = await updateAccountProfile(
    deps.db,
    input.userId,
    {
      name: input.name,
      timeZone: input.timeZone,
      ...(input.language !== undefined && { language: input.language }),
    },
    deps.now(),
  );
  await deps.bus.publish({ type: 'user', userId: input.userId });
  if (user.name !== input.currentName) {
    for (const membership of await listMemberships(deps.db, input.userId)) {
      await deps.bus.publish({ type: 'catalog', tenantId: membership.tenantId });
    }
  }
  return user;
}
