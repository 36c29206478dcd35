import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { CheckboxField } from '../../components/ui/field.tsx';
import { ErrorState, Spinner } from '../../components/ui/states.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { appCodeOf } from '../../lib/errors.ts';
import { useErrorText } from '../../lib/i18n/error-text.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { Card } from './card.tsx';
import { SyncHistory } from './sync-history.tsx';

/** How often a running sync's counts are asked for. */
const POLL_MS = 1000;

/**
 * Sync now (changes since the last sync, or everything), the running sync's progress, polled from
 * its history row while it runs (the sync itself runs on the server's worker, and may outlive
 * the request), and the history of course and student syncs.
 */
export function SyncCard({ timeZone }: { timeZone: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const t = useT();
  const errorText = useErrorText();
  const [fullSync, setFullSync] = useState(false);
  const sync = useMutation(trpc.immersio.integration.syncCourses.mutationOptions());
  const history = useQuery({
    ...trpc.immersio.integration.getSyncHistory.queryOptions({ limit: 20 }),
    refetchInterval: (query) =>
      sync.isPending || query.state.data?.logs.some((log) => log.status === 'running') ? POLL_MS : false,
  });
  const running = history.data?.logs.find((log) => log.status === 'running' && log.syncType === 'courses');
  const busy = sync.isPending || running !== undefined;

  const refreshAfterSync = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.immersio.integration.getSyncHistory.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.immersio.integration.listCourses.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.immersio.integration.getConnection.queryKey() }),
    ]);

  const onSync = async () => {
    // Ask for the history at once: the running row shows up, and polling follows it.
    void queryClient.invalidateQueries({ queryKey: trpc.immersio.integration.getSyncHistory.queryKey() });
    try {
      const result = await sync.mutateAsync({ fullSync });
      if (result.status === 'completed') {
        const counts = {
          found: result.coursesFound,
          created: result.coursesCreated,
          updated: result.coursesUpdated,
          failed: result.errors.length,
        };
        toast(t('app.immersio.sync.done'), {
          description:
            result.errors.length > 0
              ? t('app.immersio.sync.doneCountsFailed', counts)
              : t('app.immersio.sync.doneCounts', counts),
          tone: result.errors.length > 0 ? 'error' : 'success',
        });
      } else if (result.status === 'started') {
        toast(t('app.immersio.sync.background'), {
          description: t('app.immersio.sync.backgroundDetail'),
        });
      } else {
        toast(t('app.immersio.sync.failed'), {
          description: t('app.immersio.sync.failedDetail'),
          tone: 'error',
        });
      }
    } catch (error) {
      const title =
        appCodeOf(error) === 'SYNC_IN_PROGRESS'
          ? t('app.immersio.sync.alreadyRunning')
          : t('app.immersio.sync.couldNot');
      toast(title, {
        description: errorText(error, 'error.INTERNAL_ERROR'),
        tone: 'error',
      });
    }
    await refreshAfterSync();
  };

  return (
    <Card
      id="immersio-sync"
      title={t('app.immersio.sync.title')}
      description={t('app.immersio.sync.description')}
      actions={
        <Button onClick={() => void onSync()} busy={busy} disabled={busy}>
          {busy ? t('app.immersio.sync.syncing') : t('app.immersio.sync.now')}
        </Button>
      }
    >
      <div className="space-y-4">
        <CheckboxField
          label={t('app.immersio.sync.full')}
          hint={t('app.immersio.sync.fullHint')}
          checked={fullSync}
          disabled={busy}
          onChange={(event) => setFullSync(event.currentTarget.checked)}
        />
        <div role="status" aria-live="polite" className="text-sm">
          {busy ? (
            <div className="space-y-2 rounded-md border border-brand-100 bg-brand-50 px-4 py-3 text-brand-900">
              <p className="font-medium">
                {running
                  ? t('app.immersio.sync.progress', { count: running.recordsProcessed })
                  : t('app.immersio.sync.starting')}
              </p>
              <progress aria-label={t('app.immersio.sync.progressLabel')} className="h-2 w-full max-w-sm" />
            </div>
          ) : null}
        </div>
        <h3 className="text-base font-semibold text-slate-900">{t('app.immersio.sync.history')}</h3>
        {history.isPending ? (
          <Spinner label={t('app.immersio.sync.historyLoading')} />
        ) : history.isError ? (
          <ErrorState error={history.error} onRetry={() => void history.refetch()} />
        ) : (
          <SyncHistory logs={history.data.logs} timeZone={timeZone} />
        )}
      </div>
    </Card>
  );
}
