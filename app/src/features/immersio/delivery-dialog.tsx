import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { Dialog } from '../../components/ui/dialog.tsx';
import { TableHead } from '../../components/ui/table-head.tsx';
import { useToast } from '../../components/ui/toast.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useErrorText } from '../../lib/i18n/error-text.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { DeliveryStatusBadge } from './delivery-status.tsx';
import { TableScroller } from './table-scroller.tsx';
import type { WebhookMessage } from './types.ts';

/**
 * One message: its payload exactly as sent, every attempt (URL, answer, error, time), and
 * "Redeliver", which sends it again now with the same webhook id (receivers deduplicate by it).
 */
export function DeliveryDialog({
  message,
  timeZone,
  onRedelivered,
  onClose,
}: {
  message: WebhookMessage;
  timeZone: string;
  onRedelivered: (message: WebhookMessage) => void;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const t = useT();
  const errorText = useErrorText();
  const redeliver = useMutation(trpc.immersio.integration.redeliver.mutationOptions());
  const [error, setError] = useState<string>();

  const onRedeliver = async () => {
    setError(undefined);
    try {
      onRedelivered(await redeliver.mutateAsync({ messageId: message.messageId }));
      toast(t('app.immersio.delivery.queued', { event: message.event }));
    } catch (failure) {
      setError(errorText(failure, 'app.immersio.delivery.redeliverFailed'));
    }
    await queryClient.invalidateQueries({ queryKey: trpc.immersio.integration.listDeliveries.queryKey() });
  };

  return (
    <Dialog
      open
      wide
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={`${message.event} ${message.webhookId}`}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            {t('app.immersio.delivery.close')}
          </Button>
          <Button busy={redeliver.isPending} disabled={message.inFlight} onClick={() => void onRedeliver()}>
            {t('app.immersio.delivery.redeliver')}
          </Button>
        </>
      }
    >
      <div className="space-y-4 text-sm">
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          <dt className="text-slate-600">{t('app.immersio.column.status')}</dt>
          <dd>
            <DeliveryStatusBadge message={message} />
          </dd>
          <dt className="text-slate-600">{t('app.immersio.column.created')}</dt>
          <dd>{formatDateTime(message.createdAt, timeZone)}</dd>
          <dt className="text-slate-600">{t('app.immersio.delivery.deliveredAt')}</dt>
          <dd>{message.deliveredAt ? formatDateTime(message.deliveredAt, timeZone) : '—'}</dd>
          <dt className="text-slate-600">{t('app.immersio.delivery.nextAttempt')}</dt>
          <dd>{message.nextAttemptAt ? formatDateTime(message.nextAttemptAt, timeZone) : '—'}</dd>
          {message.lastError ? (
            <>
              <dt className="text-slate-600">{t('app.immersio.column.lastError')}</dt>
              <dd className="break-words">{message.lastError}</dd>
            </>
          ) : null}
        </dl>
        {error ? (
          <p role="alert" className="font-medium text-red-700">
            {error}
          </p>
        ) : null}
        <div>
          <h3 className="mb-1 font-semibold text-slate-900">{t('app.immersio.delivery.payload')}</h3>
          {/* Wrapped, not scrolled: the dialog scrolls, and a long line stays readable. */}
          <pre className="whitespace-pre-wrap break-all rounded-md bg-slate-900 p-3 text-xs text-slate-100">
            {JSON.stringify(message.payload, null, 2)}
          </pre>
        </div>
        <div>
          <h3 className="mb-1 font-semibold text-slate-900">{t('app.immersio.column.attempts')}</h3>
          {message.deliveries.length === 0 ? (
            <p className="text-slate-600">{t('app.immersio.delivery.notTried')}</p>
          ) : (
            <TableScroller label={t('app.immersio.delivery.attemptsTable')}>
              <table className="min-w-full text-left text-xs">
                <caption className="sr-only">{t('app.immersio.delivery.attemptsCaption')}</caption>
                <TableHead
                  columns={[
                    '#',
                    t('app.immersio.delivery.columnWhen'),
                    t('app.immersio.delivery.columnAnswer'),
                    t('app.immersio.delivery.columnTime'),
                    t('app.immersio.delivery.columnUrl'),
                  ]}
                />
                <tbody className="divide-y divide-slate-100">
                  {message.deliveries.map((d) => (
                    <tr key={d.id}>
                      <td className="px-3 py-2 tabular-nums">{d.attempt}</td>
                      <td className="whitespace-nowrap px-3 py-2">{formatDateTime(d.createdAt, timeZone)}</td>
                      <td className="px-3 py-2">
                        {d.statusCode !== null ? `HTTP ${d.statusCode}` : ''}
                        {d.error && d.error !== `HTTP ${d.statusCode}` ? (
                          <span className="block break-words text-red-800">{d.error}</span>
                        ) : null}
                      </td>
                      <td className="whitespace-nowrap px-3 py-2 tabular-nums">
                        {d.durationMs !== null ? `${d.durationMs} ms` : '—'}
                      </td>
                      <td className="break-all px-3 py-2">{d.url}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroller>
          )}
        </div>
      </div>
    </Dialog>
  );
}
