import { Button } from '../../components/ui/button.tsx';
import { Badge } from '../../components/ui/states.tsx';
import { TableHead } from '../../components/ui/table-head.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { DeliveryStatusBadge } from './delivery-status.tsx';
import { TableScroller } from './table-scroller.tsx';
import type { WebhookMessage } from './types.ts';

/** The messages: event, when, status, attempts and the last error; "View" opens one. */
export function DeliveryRows({
  items,
  timeZone,
  onOpen,
}: {
  items: WebhookMessage[];
  timeZone: string;
  onOpen: (message: WebhookMessage) => void;
}) {
  const t = useT();
  return (
    <TableScroller label={t('app.immersio.deliveries.table')}>
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">{t('app.immersio.deliveries.caption')}</caption>
        <TableHead
          columns={[
            t('app.immersio.column.event'),
            t('app.immersio.column.created'),
            t('app.immersio.column.status'),
            { label: t('app.immersio.column.attempts'), alignRight: true },
            t('app.immersio.column.lastError'),
            { label: t('app.immersio.column.actions'), hidden: true },
          ]}
        />
        <tbody className="divide-y divide-slate-100">
          {items.map((m) => (
            <tr key={m.messageId}>
              <th scope="row" className="px-3 py-2 text-left font-medium text-slate-900">
                {m.event}
                <code className="block text-xs font-normal text-slate-600">{m.webhookId}</code>
              </th>
              <td className="whitespace-nowrap px-3 py-2 text-slate-700">
                {formatDateTime(m.createdAt, timeZone)}
              </td>
              <td className="whitespace-nowrap px-3 py-2">
                <DeliveryStatusBadge message={m} />
                {m.inFlight ? (
                  <span className="ml-1">
                    <Badge tone="blue">{t('app.immersio.deliveries.sending')}</Badge>
                  </span>
                ) : null}
              </td>
              {/* Every recorded attempt: the message's own count starts again on a redelivery. */}
              <td className="px-3 py-2 text-right tabular-nums text-slate-900">{m.deliveries.length}</td>
              <td className="max-w-xs break-words px-3 py-2 text-slate-700">{m.lastError ?? '—'}</td>
              <td className="px-3 py-2 text-right">
                <Button
                  variant="secondary"
                  size="sm"
                  aria-label={t('app.immersio.deliveries.viewLabel', { event: m.event, id: m.webhookId })}
                  onClick={() => onOpen(m)}
                >
                  {t('app.immersio.deliveries.view')}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroller>
  );
}
