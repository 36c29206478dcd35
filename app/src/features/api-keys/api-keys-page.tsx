import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { EmptyState, ErrorState, PageHeader, Spinner } from '../../components/ui/states.tsx';
import { appCodeOf } from '../../lib/errors.ts';
import { useViewer } from '../../lib/viewer.ts';
import { useTRPC } from '../../trpc.ts';
import { type ApiKey, ApiKeyRows } from './api-key-rows.tsx';
import { CreateApiKeyDialog } from './create-api-key-dialog.tsx';
import { RevokeApiKeyDialog } from './revoke-api-key-dialog.tsx';

/**
 * /api-keys: the school's keys for server-to-server calls (Immersio's backend, the school's own
 * scripts). OWNER and ADMIN only, as on the server; a teacher who comes here is told so.
 */
export function ApiKeysPage() {
  const trpc = useTRPC();
  const { isAdmin, me } = useViewer();
  const list = useQuery({ ...trpc.immersio.apiKey.list.queryOptions(), enabled: isAdmin });
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  if (!isAdmin || appCodeOf(list.error) === 'FORBIDDEN') {
    return (
      <>
        <PageHeader title="API keys" />
        <EmptyState title="Not allowed">
          Only the school’s owner and admins manage API keys. Ask one of them if a system needs access.
        </EmptyState>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="API keys"
        description={
          <>
            Let your own systems (Immersio’s backend, a school’s scripts) call the booking API as an admin of
            this school. Send a key as <code>Authorization: Bearer ibs_…</code>; revoke it and it stops
            working at once.
          </>
        }
        actions={<Button onClick={() => setCreating(true)}>New API key</Button>}
      />
      {list.isPending ? (
        <Spinner label="Loading API keys…" />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.keys.length === 0 ? (
        <EmptyState
          title="No API keys"
          action={<Button onClick={() => setCreating(true)}>Create an API key</Button>}
        >
          Nothing can call the API on this school’s behalf yet.
        </EmptyState>
      ) : (
        <ApiKeyRows keys={list.data.keys} timeZone={me.timeZone} onRevoke={setRevoking} />
      )}
      {creating ? <CreateApiKeyDialog onClose={() => setCreating(false)} /> : null}
      {revoking ? <RevokeApiKeyDialog apiKey={revoking} onClose={() => setRevoking(null)} /> : null}
    </>
  );
}
