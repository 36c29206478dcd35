import { Button } from '../../components/ui/button.tsx';
import { Badge } from '../../components/ui/states.tsx';
import { TableHead } from '../../components/ui/table-head.tsx';
import { formatDateTime } from '../../lib/format.ts';
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
  return (
    <TableScroller label="Webhooks table">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">Webhooks sent to Immersio, newest first</caption>
        <TableHead
          columns={[
            'Event',
            'Created',
            'Status',
            { label: 'Attempts', alignRight: true },
            'Last error',
            { label: 'Actions', hidden: true },
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
                    <Badge tone="blue">Sending</Badge>
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
                  aria-label={`View ${m.event} ${m.webhookId}`}
                  onClick={() => onOpen(m)}
                >
                  View
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroller>
  );
}
