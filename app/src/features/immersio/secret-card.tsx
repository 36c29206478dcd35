import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { TextField } from '../../components/ui/field.tsx';
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
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');
  const secretQuery = trpc.immersio.integration.getWebhookSecret.queryOptions();
  const secret = useQuery({ ...secretQuery, enabled: revealed, staleTime: 0, gcTime: 0 });

  const hide = () => {
    setRevealed(false);
    setCopy('idle');
    queryClient.removeQueries({ queryKey: secretQuery.queryKey });
  };
  const onCopy = async (value: string) => {
    try {
      await navigator.clipboard.writeText(value);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
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
        <div className="max-w-xl space-y-3">
          <TextField
            label="Signing secret"
            readOnly
            value={secret.data.secret}
            className="font-mono"
            onFocus={(event) => event.currentTarget.select()}
          />
          <div className="flex items-center gap-3">
            <Button variant="secondary" size="sm" onClick={() => void onCopy(secret.data.secret)}>
              Copy secret
            </Button>
            <p aria-live="polite" className="text-sm text-slate-700">
              {copy === 'copied'
                ? 'Copied to the clipboard.'
                : copy === 'failed'
                  ? 'Could not copy: select the secret and copy it yourself.'
                  : null}
            </p>
          </div>
        </div>
      )}
      {rotating ? (
        <RotateSecretDialog
          onRotated={(rotated) => {
            queryClient.setQueryData(secretQuery.queryKey, rotated);
            setCopy('idle');
            setRevealed(true);
          }}
          onClose={() => setRotating(false)}
        />
      ) : null}
    </Card>
  );
}
