import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { CopyField } from '../../components/ui/copy-field.tsx';
import { ErrorState, Spinner } from '../../components/ui/states.tsx';
import { formatDateTime } from '../../lib/format.ts';
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
      title="Signing secret"
      description={
        <>
          Every webhook is signed with this secret (<code>webhook-signature</code> and{' '}
          <code>X-Webhook-Signature</code> headers); Immersio uses it to check that events come from here.{' '}
          {connection.webhookSecretRotatedAt
            ? `Last set ${formatDateTime(connection.webhookSecretRotatedAt, timeZone)}.`
            : null}
        </>
      }
      actions={
        <>
          {revealed ? (
            <Button variant="secondary" size="sm" onClick={hide}>
              Hide secret
            </Button>
          ) : (
            <Button variant="secondary" size="sm" onClick={() => setRevealed(true)}>
              Reveal secret
            </Button>
          )}
          <Button variant="danger" size="sm" onClick={() => setRotating(true)}>
            Rotate secret
          </Button>
        </>
      }
    >
      {!revealed ? (
        <p className="font-mono text-sm text-slate-700">
          <span aria-hidden>whsec_••••••••••••••••</span>
          <span className="sr-only">The secret is hidden.</span>
        </p>
      ) : secret.isPending ? (
        <Spinner label="Loading the secret…" />
      ) : secret.isError ? (
        <ErrorState error={secret.error} onRetry={() => void secret.refetch()} />
      ) : (
        <div className="max-w-xl">
          <CopyField
            // A rotated secret starts without the last one's "Copied".
            key={secret.data.secret}
            label="Signing secret"
            value={secret.data.secret}
            copyLabel="Copy secret"
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
