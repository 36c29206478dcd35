import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { CheckboxField, FormError } from '../../components/ui/field.tsx';
import { ErrorState, Spinner } from '../../components/ui/states.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useErrorText } from '../../lib/i18n/error-text.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { ACCOUNT_CARD, AccountSection } from './account-section.tsx';

/** The person's e-mail settings in the school they are working in (issue 17): saved on change. */
export function NotificationsForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const t = useT();
  const errorText = useErrorText();
  const settings = useQuery(trpc.immersio.account.getNotifications.queryOptions());
  const update = useMutation(trpc.immersio.account.updateNotifications.mutationOptions());
  const [error, setError] = useState<string>();

  const onChange = async (dailyDigest: boolean) => {
    setError(undefined);
    try {
      const saved = await update.mutateAsync({ dailyDigest });
      queryClient.setQueryData(trpc.immersio.account.getNotifications.queryKey(), saved);
      toast(
        t(saved.dailyDigest ? 'app.account.notifications.digestOn' : 'app.account.notifications.digestOff'),
      );
    } catch (failure) {
      setError(errorText(failure, 'app.ui.error.generic'));
    }
  };

  return (
    <AccountSection id="notifications" title={t('app.account.notifications.title')}>
      <div className={ACCOUNT_CARD}>
        {settings.isPending ? (
          <Spinner />
        ) : settings.isError ? (
          <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
        ) : (
          <CheckboxField
            label={t('app.account.notifications.digestLabel')}
            hint={t('app.account.notifications.digestHint')}
            checked={
              update.isPending
                ? (update.variables?.dailyDigest ?? settings.data.dailyDigest)
                : settings.data.dailyDigest
            }
            disabled={update.isPending}
            onChange={(event) => void onChange(event.currentTarget.checked)}
          />
        )}
        <FormError message={error} />
      </div>
    </AccountSection>
  );
}
