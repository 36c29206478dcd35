import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import {
  DELIVERY_STATUSES,
  WEBHOOK_EVENTS,
} from '../../../../src/modules/immersio/procedures/list-deliveries.schema.ts';
import { SelectField } from '../../components/ui/field.tsx';
import { ShowMore } from '../../components/ui/show-more.tsx';
import { EmptyState, ErrorState, Spinner } from '../../components/ui/states.tsx';
import { Message, useT } from '../../lib/i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { Card } from './card.tsx';
import { DeliveryDialog } from './delivery-dialog.tsx';
import { DeliveryRows } from './delivery-rows.tsx';
import { STATUS_LABELS } from './delivery-status.tsx';
import type { Connection, WebhookMessage } from './types.ts';

const PAGE = 20;
/** While a message waits for its first try or a retry, the list is asked again this often. */
const POLL_MS = 3000;

type Status = (typeof DELIVERY_STATUSES)[number];
type Event = (typeof WEBHOOK_EVENTS)[number];

/** The webhooks sent to Immersio, newest first, by status and event; each opens to its payload. */
export function DeliveriesCard({ connection, timeZone }: { connection: Connection; timeZone: string }) {
  const trpc = useTRPC();
  const t = useT();
  const [status, setStatus] = useState<Status | ''>('');
  const [event, setEvent] = useState<Event | ''>('');
  const [opened, setOpened] = useState<WebhookMessage | null>(null);
  const list = useInfiniteQuery({
    ...trpc.immersio.integration.listDeliveries.infiniteQueryOptions(
      { limit: PAGE, ...(status && { status }), ...(event && { event }) },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) =>
        page.items.some((m) => m.status === 'pending' || m.status === 'failed' || m.inFlight),
      )
        ? POLL_MS
        : false,
  });
  const items: WebhookMessage[] = list.data?.pages.flatMap((page) => page.items) ?? [];
  // The list's copy is the freshest; one that left the filter (redelivered) keeps its last state.
  const open = opened && (items.find((m) => m.messageId === opened.messageId) ?? opened);

  return (
    <Card
      id="immersio-deliveries"
      title={t('app.immersio.deliveries.title')}
      description={
        connection.webhookUrl ? (
          <Message
            id="app.immersio.deliveries.description"
            values={{ url: <span className="break-all">{connection.webhookUrl}</span> }}
          />
        ) : (
          t('app.immersio.deliveries.noWebhook')
        )
      }
    >
      <div className="mb-4 flex flex-wrap gap-4">
        <SelectField
          label={t('app.immersio.column.status')}
          fieldClassName="w-48"
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value as Status | '')}
        >
          <option value="">{t('app.immersio.deliveries.allStatuses')}</option>
          {DELIVERY_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(STATUS_LABELS[s])}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('app.immersio.column.event')}
          fieldClassName="w-60"
          value={event}
          onChange={(e) => setEvent(e.currentTarget.value as Event | '')}
        >
          <option value="">{t('app.immersio.deliveries.allEvents')}</option>
          {WEBHOOK_EVENTS.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </SelectField>
      </div>
      {list.isPending ? (
        <Spinner label={t('app.immersio.deliveries.loading')} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState
          title={
            status || event
              ? t('app.immersio.deliveries.noMatchTitle')
              : t('app.immersio.deliveries.emptyTitle')
          }
        >
          {status || event
            ? t('app.immersio.deliveries.noMatchBody')
            : t('app.immersio.deliveries.emptyBody')}
        </EmptyState>
      ) : (
        <>
          <DeliveryRows items={items} timeZone={timeZone} onOpen={setOpened} />
          <ShowMore list={list} />
        </>
      )}
      {open ? (
        <DeliveryDialog
          message={open}
          timeZone={timeZone}
          onRedelivered={setOpened}
          onClose={() => setOpened(null)}
        />
      ) : null}
    </Card>
  );
}
