import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { CheckboxField, FormError } from '../../components/ui/field.tsx';
import { ErrorState, Spinner } from '../../components/ui/states.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { useTRPC } from '../../trpc.ts';
import { ACCOUNT_CARD, AccountSection } from './account-section.tsx';

/** The person's e-mail settings in the school they are working in (issue 17): saved on change. */
export function NotificationsForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const settings = useQuery(trpc.immersio.account.getNotifications.queryOptions());
  const update = useMutation(trpc.immersio.account.updateNotifications.mutationOptions());
  const [error, setError] = useState<string>();

  const onChange = async (dailyDigest: boolean) => {
    setError(undefined);
    try {
      const saved = await update.mutateAsync({ dailyDigest });
      queryClient.setQueryData(trpc.immersio.account.getNotifications.queryKey(), saved);
      toast(saved.dailyDigest ? 'Daily digest on' : 'Daily digest off');
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'Something went wrong.');
    }
  };

  return (
    <AccountSection id="notifications" title="E-mails">
      <div className={ACCOUNT_CARD}>
        {settings.isPending ? (
          <Spinner />
        ) : settings.isError ? (
          <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
        ) : (
          <CheckboxField
            label="Daily digest"
            hint="An e-mail at 7:00 your time listing your day's classes and who booked. Only on days you teach, and only for this school."
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
