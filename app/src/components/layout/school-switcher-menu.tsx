import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { useErrorText } from '../../lib/i18n/error-text.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
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
  const t = useT();
  const errorText = useErrorText();
  const switchTenant = useMutation(
    trpc.viewer.switchTenant.mutationOptions({
      onSuccess: async () => {
        queryClient.clear();
        await router.navigate({ to: '/' });
        await router.invalidate();
      },
      onError: (error) =>
        toast(t('app.ui.schoolSwitcher.failed'), {
          description: errorText(error, 'app.ui.error.generic'),
          tone: 'error',
        }),
    }),
  );
  return (
    <ActionMenu
      label={
        membership
          ? t('app.ui.schoolSwitcher.label', { name: membership.tenantName })
          : t('app.ui.schoolSwitcher.labelNone')
      }
      trigger={
        <span className="max-w-40 truncate">
          {membership?.tenantName ?? t('app.ui.schoolSwitcher.choose')} ▾
        </span>
      }
      items={me.memberships.map((m) => ({
        label: `${m.tenantName}${m.tenantId === me.activeTenantId ? ' ✓' : ''}`,
        disabled: m.tenantId === me.activeTenantId || switchTenant.isPending,
        onSelect: () => switchTenant.mutate({ tenantId: m.tenantId }),
      }))}
    />
  );
}
