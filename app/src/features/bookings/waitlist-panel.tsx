import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { Badge, ErrorState, Spinner } from '../../components/ui/states.tsx';
import { TableHead } from '../../components/ui/table-head.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useErrorText } from '../../lib/i18n/error-text.ts';
import { type AppMessageKey, useT } from '../../lib/i18n/i18n.tsx';
import { type AppRouter, useTRPC } from '../../trpc.ts';

/** One entry of a session's waitlist, as `immersio.waitlist.list` answers it. */
type Entry = inferRouterOutputs<AppRouter>['immersio']['waitlist']['list']['entries'][number];

const STATUS: Record<Entry['status'], { label: AppMessageKey; tone: 'green' | 'amber' | 'slate' | 'blue' }> =
  {
    waiting: { label: 'app.bookings.waitlist.status.waiting', tone: 'blue' },
    offered: { label: 'app.bookings.waitlist.status.offered', tone: 'amber' },
    claimed: { label: 'app.bookings.waitlist.status.claimed', tone: 'green' },
    expired: { label: 'app.bookings.waitlist.status.expired', tone: 'slate' },
    left: { label: 'app.bookings.waitlist.status.left', tone: 'slate' },
  };

const COLUMNS: readonly (AppMessageKey | { label: AppMessageKey; hidden: true })[] = [
  'app.bookings.waitlist.place',
  'app.bookings.waitlist.student',
  'app.bookings.roster.email',
  'app.bookings.results.status',
  'app.bookings.waitlist.joined',
  { label: 'app.bookings.roster.actions', hidden: true },
];

/** How often an open waitlist asks again: offers are made by the server as seats free up. */
const POLL_MS = 5_000;

/**
 * A session's waitlist under its roster: the line in order (offered seats first, with their
 * deadline), moving a student up or down, offering a free seat by hand and taking someone off.
 */
export function WaitlistPanel({ sessionId, timeZone }: { sessionId: number; timeZone: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const t = useT();
  const errorText = useErrorText();
  const [removing, setRemoving] = useState<Entry>();
  const list = useQuery({
    ...trpc.immersio.waitlist.list.queryOptions({ sessionId }),
    refetchInterval: POLL_MS,
  });
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.immersio.waitlist.list.queryKey({ sessionId }) }),
      queryClient.invalidateQueries({
        queryKey: trpc.immersio.booking.sessionRoster.queryKey({ sessionId }),
      }),
    ]);
  const failed = (error: unknown) =>
    toast(errorText(error, 'app.bookings.waitlist.failed'), { tone: 'error' });
  const move = useMutation(
    trpc.immersio.waitlist.move.mutationOptions({ onSuccess: refresh, onError: failed }),
  );
  const offer = useMutation(
    trpc.immersio.waitlist.offer.mutationOptions({
      onSuccess: async (result) => {
        await refresh();
        toast(t('app.bookings.waitlist.status.offered'), {
          description: t('app.bookings.waitlist.offeredBody', {
            time: formatDateTime(result.offerExpiresAt, timeZone),
          }),
          tone: 'success',
        });
      },
      onError: failed,
    }),
  );
  const remove = useMutation(trpc.immersio.waitlist.remove.mutationOptions());

  if (list.isPending) return <Spinner label={t('app.bookings.waitlist.loading')} />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  const { entries, waitingCount, waitlistEnabled, offerMinutes } = list.data;
  const live = entries.filter((e) => e.status === 'waiting' || e.status === 'offered');
  const busy = move.isPending || offer.isPending;

  const actionsFor = (entry: Entry) => {
    if (entry.status !== 'waiting' && entry.status !== 'offered') return null;
    const place = entry.position;
    const name = entry.name;
    return (
      <div className="flex flex-wrap justify-end gap-1">
        {place !== null ? (
          <>
            <Button
              size="sm"
              variant="ghost"
              disabled={busy || place === 1}
              aria-label={t('app.bookings.waitlist.moveUp', { name })}
              onClick={() => move.mutate({ entryId: entry.id, position: place - 1 })}
            >
              ↑
            </Button>
            <Button
              size="sm"
              variant="ghost"
              disabled={busy || place === waitingCount}
              aria-label={t('app.bookings.waitlist.moveDown', { name })}
              onClick={() => move.mutate({ entryId: entry.id, position: place + 1 })}
            >
              ↓
            </Button>
            <Button
              size="sm"
              variant="secondary"
              disabled={busy}
              aria-label={t('app.bookings.waitlist.offerTo', { name })}
              onClick={() => offer.mutate({ entryId: entry.id })}
            >
              {t('app.bookings.waitlist.offerNow')}
            </Button>
          </>
        ) : null}
        <Button
          size="sm"
          variant="ghost"
          aria-label={t('app.bookings.waitlist.removeName', { name })}
          onClick={() => setRemoving(entry)}
        >
          {t('app.bookings.waitlist.remove')}
        </Button>
      </div>
    );
  };

  const status = (entry: Entry) => (
    <>
      <Badge tone={STATUS[entry.status].tone}>{t(STATUS[entry.status].label)}</Badge>
      {entry.status === 'offered' && entry.offerExpiresAt ? (
        <p className="mt-1 text-xs text-slate-700">
          {t('app.bookings.waitlist.until', { time: formatDateTime(entry.offerExpiresAt, timeZone) })}
        </p>
      ) : null}
    </>
  );

  return (
    <section aria-labelledby="waitlist-title" className="mt-8">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="waitlist-title" className="text-lg font-semibold text-slate-900">
          {t('app.bookings.waitlist.title')}
        </h2>
        <p className="text-sm text-slate-700" aria-live="polite">
          {waitlistEnabled
            ? t('app.bookings.waitlist.summaryOn', { count: waitingCount, minutes: offerMinutes })
            : t('app.bookings.waitlist.summaryOff', { count: waitingCount })}
        </p>
      </div>
      {live.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-700">
          {t(waitlistEnabled ? 'app.bookings.waitlist.emptyOn' : 'app.bookings.waitlist.emptyOff')}
        </p>
      ) : (
        <>
          <section
            aria-label={t('app.bookings.waitlist.entries')}
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls sideways must be reachable by keyboard to scroll it
            tabIndex={0}
            className="hidden overflow-x-auto rounded-lg border border-slate-200 bg-white md:block"
          >
            <table className="w-full text-left text-sm">
              <TableHead
                columns={COLUMNS.map((column) =>
                  typeof column === 'string' ? t(column) : { ...column, label: t(column.label) },
                )}
              />
              <tbody className="divide-y divide-slate-100">
                {live.map((entry) => (
                  <tr key={entry.id}>
                    <td className="px-3 py-2 text-slate-800">{entry.position ?? '—'}</td>
                    <td className="px-3 py-2 font-medium text-slate-900">{entry.name}</td>
                    <td className="break-all px-3 py-2 text-slate-800">{entry.email}</td>
                    <td className="px-3 py-2">{status(entry)}</td>
                    <td className="whitespace-nowrap px-3 py-2 text-slate-700">
                      {formatDateTime(entry.createdAt, timeZone)}
                    </td>
                    <td className="px-3 py-2 text-right">{actionsFor(entry)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <ul aria-label={t('app.bookings.waitlist.title')} className="space-y-3 md:hidden">
            {live.map((entry) => (
              <li key={entry.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
                <div className="flex items-start justify-between gap-2">
                  <p className="font-medium text-slate-900">
                    {entry.position === null ? '' : `${entry.position}. `}
                    {entry.name}
                  </p>
                  <div className="text-right">{status(entry)}</div>
                </div>
                <p className="break-all text-slate-700">{entry.email}</p>
                <p className="text-slate-600">
                  {t('app.bookings.waitlist.joinedAt', { time: formatDateTime(entry.createdAt, timeZone) })}
                </p>
                <div className="mt-2">{actionsFor(entry)}</div>
              </li>
            ))}
          </ul>
        </>
      )}
      {removing ? (
        <ConfirmDialog
          title={t('app.bookings.waitlist.removeTitle', { name: removing.name })}
          description={
            removing.status === 'offered'
              ? t('app.bookings.waitlist.removeOffered')
              : t('app.bookings.waitlist.removeWaiting')
          }
          cancelLabel={t('app.bookings.waitlist.keep')}
          confirmLabel={t('app.bookings.waitlist.remove')}
          failureMessage={t('app.bookings.waitlist.removeFailed')}
          onConfirm={async () => {
            await remove.mutateAsync({ entryId: removing.id });
            await refresh();
            toast(t('app.bookings.waitlist.removed', { name: removing.name }), { tone: 'success' });
          }}
          onClose={() => setRemoving(undefined)}
        />
      ) : null}
    </section>
  );
}
