import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { CheckboxField } from '../../components/ui/field.tsx';
import { ErrorState, Spinner } from '../../components/ui/states.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { appCodeOf } from '../../lib/errors.ts';
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
        toast('Courses synced', {
          description: `${result.coursesFound} found: ${result.coursesCreated} new, ${result.coursesUpdated} updated${
            result.errors.length > 0 ? `, ${result.errors.length} failed` : ''
          }.`,
          tone: result.errors.length > 0 ? 'error' : 'success',
        });
      } else if (result.status === 'started') {
        toast('The sync goes on in the background', {
          description: 'Its progress is shown here until it ends.',
        });
      } else {
        toast('The course sync failed', { description: 'See the history for why.', tone: 'error' });
      }
    } catch (error) {
      toast(appCodeOf(error) === 'SYNC_IN_PROGRESS' ? 'A sync is already running' : 'Could not sync', {
        description: (error as Error).message,
        tone: 'error',
      });
    }
    await refreshAfterSync();
  };

  return (
    <Card
      id="immersio-sync"
      title="Course sync"
      description="Brings Immersio’s courses and their student counts here. Changes also arrive by webhook as they happen."
      actions={
        <Button onClick={() => void onSync()} busy={busy} disabled={busy}>
          {busy ? 'Syncing…' : 'Sync now'}
        </Button>
      }
    >
      <div className="space-y-4">
        <CheckboxField
          label="Full sync"
          hint="Every course, not only those changed since the last sync."
          checked={fullSync}
          disabled={busy}
          onChange={(event) => setFullSync(event.currentTarget.checked)}
        />
        <div role="status" aria-live="polite" className="text-sm">
          {busy ? (
            <div className="space-y-2 rounded-md border border-brand-100 bg-brand-50 px-4 py-3 text-brand-900">
              <p className="font-medium">
                Syncing courses…{' '}
                {running
                  ? `${running.recordsProcessed} ${running.recordsProcessed === 1 ? 'course' : 'courses'} so far`
                  : 'starting'}
              </p>
              <progress aria-label="Course sync progress" className="h-2 w-full max-w-sm" />
            </div>
          ) : null}
        </div>
        <h3 className="text-base font-semibold text-slate-900">History</h3>
        {history.isPending ? (
          <Spinner label="Loading the sync history…" />
        ) : history.isError ? (
          <ErrorState error={history.error} onRetry={() => void history.refetch()} />
        ) : (
          <SyncHistory logs={history.data.logs} timeZone={timeZone} />
        )}
      </div>
    </Card>
  );
}
