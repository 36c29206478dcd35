import { useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { Badge } from '../../components/ui/states.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { Card } from './card.tsx';
import { ConnectForm } from './connect-form.tsx';
import { TestResult } from './test-result.tsx';
import type { Connection, ConnectResult } from './types.ts';

/**
 * The organisation the school is connected to (or the form to connect one), and the result of
 * the last connection test made here: connecting always tests the key first.
 */
export function ConnectionCard({
  connection,
  timeZone,
}: {
  connection: Connection | null;
  timeZone: string;
}) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  const [result, setResult] = useState<ConnectResult | null>(null);
  const showForm = connection === null || editing;

  const onResult = (answer: ConnectResult) => {
    setResult(answer);
    if (answer.success) setEditing(false);
  };

  return (
    <Card
      id="immersio-connection"
      title={
        connection ? t('app.immersio.connection.titleConnected') : t('app.immersio.connection.titleConnect')
      }
      description={connection ? null : t('app.immersio.connection.intro')}
      actions={
        connection && !editing ? (
          <Button variant="secondary" size="sm" onClick={() => setEditing(true)}>
            {t('app.immersio.connection.change')}
          </Button>
        ) : null
      }
    >
      {connection && !editing ? <ConnectionDetails connection={connection} timeZone={timeZone} /> : null}
      {showForm ? (
        <ConnectForm
          connection={connection}
          onResult={onResult}
          onCancel={connection ? () => setEditing(false) : undefined}
        />
      ) : null}
      {result ? <TestResult result={result} /> : null}
    </Card>
  );
}

function ConnectionDetails({ connection, timeZone }: { connection: Connection; timeZone: string }) {
  const t = useT();
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-[auto_1fr]">
      <dt className="font-medium text-slate-600">{t('app.immersio.connection.organisation')}</dt>
      <dd className="break-words text-slate-900">
        {connection.orgName ?? connection.immersioOrgId}{' '}
        <code className="rounded bg-slate-100 px-1 text-xs">{connection.immersioOrgId}</code>
      </dd>
      <dt className="font-medium text-slate-600">{t('app.immersio.connection.webhookUrl')}</dt>
      <dd className="break-all text-slate-900">
        {connection.webhookUrl ?? t('app.immersio.connection.noWebhook')}
        {connection.webhookDisabledAt ? (
          <span className="ml-2">
            <Badge tone="red">{t('app.immersio.connection.webhookDisabled')}</Badge>
          </span>
        ) : null}
      </dd>
      <dt className="font-medium text-slate-600">{t('app.immersio.connection.connectedAt')}</dt>
      <dd className="text-slate-900">{formatDateTime(connection.connectedAt, timeZone)}</dd>
      <dt className="font-medium text-slate-600">{t('app.immersio.connection.lastSync')}</dt>
      <dd className="text-slate-900">
        {connection.coursesSyncedAt
          ? formatDateTime(connection.coursesSyncedAt, timeZone)
          : t('app.immersio.connection.never')}
      </dd>
    </dl>
  );
}
