import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { useViewer } from '../../lib/viewer.ts';
import { useTRPC } from '../../trpc.ts';
import { ActionMenu } from '../ui/menu.tsx';
import { useToast } from '../ui/toast.tsx';

/** The switcher's menu (viewer.switchTenant), loaded only for people in several schools. */
export default function SchoolSwitcherMenu() {
  const { me, membership } = useViewer();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const switchTenant = useMutation(
    trpc.viewer.switchTenant.mutationOptions({
      onSuccess: async () => {
        queryClient.clear();
        await router.navigate({ to: '/' });
        await router.invalidate();
      },
      onError: (error) => toast('Could not switch school', { description: error.message, tone: 'error' }),
    }),
  );
  return (
    <ActionMenu
      label={`School: ${membership?.tenantName ?? 'none'}. Switch school`}
      trigger={<span className="max-w-40 truncate">{membership?.tenantName ?? 'Choose a school'} ▾</span>}
      items={me.memberships.map((m) => ({
        label: `${m.tenantName}${m.tenantId === me.activeTenantId ? ' ✓' : ''}`,
        disabled: m.tenantId === me.activeTenantId || switchTenant.isPending,
        onSelect: () => switchTenant.mutate({ tenantId: m.tenantId }),
      }))}
    />
  );
}
