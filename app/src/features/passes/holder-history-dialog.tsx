import { useQuery } from '@tanstack/react-query';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { ErrorState, Spinner } from '../../components/ui/states.tsx';
import { TableHead } from '../../components/ui/table-head.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useTRPC } from '../../trpc.ts';
import type { Holder, HolderEntry } from './types.ts';

const KINDS: Record<HolderEntry['kind'], string> = {
  purchase: 'Bought',
  booking: 'Class booked',
  booking_return: 'Booking cancelled, class given back',
  adjustment: 'Changed by staff',
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
  const detail = useQuery(trpc.immersio.pass.getHolder.queryOptions({ studentPassId: holder.id }));
  return (
    <Dialog
      open
      wide
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={`${holder.buyer.name}: ${holder.name}`}
      description={`${holder.buyer.email} · reference ${holder.uid}`}
      footer={
        <Button variant="secondary" onClick={onClose}>
          Close
        </Button>
      }
    >
      {detail.isPending ? (
        <Spinner label="Loading the history…" />
      ) : detail.isError ? (
        <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />
      ) : detail.data.history.length === 0 ? (
        <p className="text-sm text-slate-600">Nothing yet: the pass has not been paid for.</p>
      ) : (
        <div className="relative overflow-x-auto">
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">History of this pass, newest first</caption>
            <TableHead
              columns={[
                'When',
                'What',
                { label: 'Change', alignRight: true },
                { label: 'Left', alignRight: true },
              ]}
            />
            <tbody className="divide-y divide-slate-100">
              {detail.data.history.map((entry) => (
                <tr key={entry.id}>
                  <td className="whitespace-nowrap px-3 py-2 text-slate-700">
                    {formatDateTime(entry.createdAt, timeZone)}
                  </td>
                  <td className="px-3 py-2">
                    {KINDS[entry.kind]}
                    {entry.booking ? (
                      <span className="block text-xs text-slate-600">
                        {entry.booking.title}, {formatDateTime(entry.booking.startTime, timeZone)}
                      </span>
                    ) : null}
                    {entry.reason ? (
                      <span className="block text-xs text-slate-600">
                        “{entry.reason}”{entry.actorName ? ` (${entry.actorName})` : ''}
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
