import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { CopyField } from '../../components/ui/copy-field.tsx';
import { ErrorState, Spinner } from '../../components/ui/states.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { Message, useT } from '../../lib/i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { Card } from './card.tsx';
import { RotateSecretDialog } from './rotate-secret-dialog.tsx';
import type { Connection } from './types.ts';

/**
 * The secret that signs every webhook sent to Immersio. Hidden until asked for (it is fetched
 * only then, and forgotten again on Hide), copyable, and rotated after a confirmation.
 */
export function SecretCard({ connection, timeZone }: { connection: Connection; timeZone: string }) {
  const trpc = useTRPC();
  const t = useT();
  const queryClient = useQueryClient();
  const [revealed, setRevealed] = useState(false);
  const [rotating, setRotating] = useState(false);
  const secretQuery = trpc.immersio.integration.getWebhookSecret.queryOptions();
  const secret = useQuery({ ...secretQuery, enabled: revealed, staleTime: 0, gcTime: 0 });

  const hide = () => {
    setRevealed(false);
    queryClient.removeQueries({ queryKey: secretQuery.queryKey });
  };

  return (
    <Card
      id="immersio-secret"
      title={t('app.immersio.secret.title')}
      description={
        <>
          <Message
            id="app.immersio.secret.description"
            values={{ code: (chunks) => <code>{chunks}</code> }}
          />{' '}
          {connection.webhookSecretRotatedAt
            ? t('app.immersio.secret.lastSet', {
                when: formatDateTime(connection.webhookSecretRotatedAt, timeZone),
              })
            : null}
        </>
      }
      actions={
        <>
          {revealed ? (
            <Button variant="secondary" size="sm" onClick={hide}>
              {t('app.immersio.secret.hide')}
            </Button>
          ) : (
            <Button variant="secondary" size="sm" onClick={() => setRevealed(true)}>
              {t('app.immersio.secret.reveal')}
            </Button>
          )}
          <Button variant="danger" size="sm" onClick={() => setRotating(true)}>
            {t('app.immersio.secret.rotate')}
          </Button>
        </>
      }
    >
      {!revealed ? (
        <p className="font-mono text-sm text-slate-700">
          <span aria-hidden>{t('app.immersio.secret.masked')}</span>
          <span className="sr-only">{t('app.immersio.secret.hidden')}</span>
        </p>
      ) : secret.isPending ? (
        <Spinner label={t('app.immersio.secret.loading')} />
      ) : secret.isError ? (
        <ErrorState error={secret.error} onRetry={() => void secret.refetch()} />
      ) : (
        <div className="max-w-xl">
          <CopyField
            // A rotated secret starts without the last one's "Copied".
            key={secret.data.secret}
            label={t('app.immersio.secret.title')}
            value={secret.data.secret}
            copyLabel={t('app.immersio.secret.copy')}
            what="secret"
            size="sm"
          />
        </div>
      )}
      {rotating ? (
        <RotateSecretDialog
          onRotated={(rotated) => {
            queryClient.setQueryData(secretQuery.queryKey, rotated);
            setRevealed(true);
          }}
          onClose={() => setRotating(false)}
        />
      ) : null}
    </Card>
  );
}
