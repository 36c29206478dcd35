import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { Badge, ErrorState, Spinner } from '../../components/ui/states.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useErrorText } from '../../lib/i18n/error-text.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useViewer } from '../../lib/viewer.ts';
import { useTRPC } from '../../trpc.ts';
import { deviceName } from './device-name.ts';

/** Where the person is signed in; each other session can be ended, or all of them at once. */
export function SessionsList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const t = useT();
  const errorText = useErrorText();
  const { me } = useViewer();
  const list = useQuery(trpc.immersio.account.listSessions.queryOptions());
  const revokeOthers = useMutation(trpc.immersio.account.revokeOtherSessions.mutationOptions());
  const revokeOne = useMutation(trpc.immersio.account.revokeSession.mutationOptions());
  const [error, setError] = useState<string>();

  const run = async (action: () => Promise<unknown>, done: string) => {
    setError(undefined);
    try {
      await action();
      toast(done);
    } catch (failure) {
      setError(errorText(failure, 'app.ui.error.generic'));
    }
    await queryClient.invalidateQueries({ queryKey: trpc.immersio.account.listSessions.queryKey() });
  };

  const others = list.data?.sessions.filter((s) => !s.current).length ?? 0;
  return (
    <section aria-labelledby="sessions-heading">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="sessions-heading" className="text-lg font-semibold text-slate-900">
          {t('app.account.sessions.title')}
        </h2>
        <Button
          variant="secondary"
          size="sm"
          disabled={others === 0}
          busy={revokeOthers.isPending}
          onClick={() =>
            void run(async () => revokeOthers.mutateAsync(), t('app.account.sessions.signedOutOthers'))
          }
        >
          {t('app.account.sessions.signOutOthers')}
        </Button>
      </div>
      {error ? (
        <p role="alert" className="mt-2 text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
      {list.isPending ? (
        <Spinner label={t('app.account.sessions.loading')} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {list.data.sessions.map((session) => (
            <li key={session.id} className="flex flex-wrap items-center justify-between gap-3 p-4 text-sm">
              <div className="min-w-0">
                <p className="font-medium text-slate-900">
                  {session.viaImmersio
                    ? t('app.account.sessions.viaImmersio', { device: deviceName(session.userAgent, t) })
                    : deviceName(session.userAgent, t)}{' '}
                  {session.current ? (
                    <Badge tone="green">{t('app.account.sessions.thisDevice')}</Badge>
                  ) : null}
                </p>
                <p className="text-slate-600">
                  {t('app.account.sessions.times', {
                    createdAt: formatDateTime(session.createdAt, me.timeZone),
                    lastActiveAt: formatDateTime(session.lastActiveAt, me.timeZone),
                  })}
                  {session.ipAddress ? ` · ${session.ipAddress}` : ''}
                </p>
              </div>
              {session.current ? null : (
                <Button
                  variant="secondary"
                  size="sm"
                  aria-label={t('app.account.sessions.signOutOneLabel', {
                    createdAt: formatDateTime(session.createdAt, me.timeZone),
                  })}
                  onClick={() =>
                    void run(
                      () => revokeOne.mutateAsync({ sessionId: session.id }),
                      t('app.account.sessions.signedOutOne'),
                    )
                  }
                >
                  {t('app.account.sessions.signOut')}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
