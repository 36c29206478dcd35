import { useSuspenseQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc.ts';

/** The signed-in person and their role in the active school (loaded before any staff screen). */
export function useViewer() {
  const trpc = useTRPC();
  const { data: me } = useSuspenseQuery(trpc.viewer.me.queryOptions());
  const membership = me.memberships.find((m) => m.tenantId === me.activeTenantId) ?? null;
  const role = membership?.role ?? null;
  return {
    me,
    membership,
    role,
    /** OWNER and ADMIN run the school; a MEMBER (teacher) sees their own classes. */
    isAdmin: role === 'OWNER' || role === 'ADMIN',
  };
}
