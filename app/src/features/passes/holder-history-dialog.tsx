import { useQuery } from '@tanstack/react-query';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { ErrorState, Spinner } from '../../components/ui/states.tsx';
import { TableHead } from '../../components/ui/table-head.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { type AppMessageKey, useT } from '../../lib/i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import type { Holder, HolderEntry } from './types.ts';

const KINDS: Record<HolderEntry['kind'], AppMessageKey> = {
  purchase: 'app.passes.kind.purchase',
  booking: 'app.passes.kind.booking',
  booking_return: 'app.passes.kind.bookingReturn',
  adjustment: 'app.passes.kind.adjustment',
};

/** A bought pass's history: its purchase, each class booked or given back, staff changes and why. */
export function HolderHistoryDialog({
  holder,
  timeZone,
  onClose,
}: {
  holder: Holder;
  timeZone: string;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const t = useT();
  const detail = useQuery(trpc.immersio.pass.getHolder.queryOptions({ studentPassId: holder.id }));
  return (
    <Dialog
      open
      wide
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={t('app.passes.history.title', { name: holder.buyer.name, pass: holder.name })}
      description={t('app.passes.history.description', { email: holder.buyer.email, uid: holder.uid })}
      footer={
        <Button variant="secondary" onClick={onClose}>
          {t('app.passes.history.close')}
        </Button>
      }
    >
      {detail.isPending ? (
        <Spinner label={t('app.passes.history.loading')} />
      ) : detail.isError ? (
        <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />
      ) : detail.data.history.length === 0 ? (
        <p className="text-sm text-slate-600">{t('app.passes.history.empty')}</p>
      ) : (
        <div className="relative overflow-x-auto">
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">{t('app.passes.history.caption')}</caption>
            <TableHead
              columns={[
                t('app.passes.history.when'),
                t('app.passes.history.what'),
                { label: t('app.passes.history.change'), alignRight: true },
                { label: t('app.passes.history.left'), alignRight: true },
              ]}
            />
            <tbody className="divide-y divide-slate-100">
              {detail.data.history.map((entry) => (
                <tr key={entry.id}>
                  <td className="whitespace-nowrap px-3 py-2 text-slate-700">
                    {formatDateTime(entry.createdAt, timeZone)}
                  </td>
                  <td className="px-3 py-2">
                    {t(KINDS[entry.kind])}
                    {entry.booking ? (
                      <span className="block text-xs text-slate-600">
                        {entry.booking.title}, {formatDateTime(entry.booking.startTime, timeZone)}
                      </span>
                    ) : null}
                    {entry.reason ? (
                      <span className="block text-xs text-slate-600">
                        {entry.actorName
                          ? t('app.passes.history.reasonBy', { reason: entry.reason, actor: entry.actorName })
                          : t('app.passes.history.reason', { reason: entry.reason })}
                      </span>
                    ) : null}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    {entry.delta > 0 ? `+${entry.delta}` : entry.delta}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{entry.balanceAfter}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Dialog>
  );
}
