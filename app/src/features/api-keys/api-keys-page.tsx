import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { EmptyState, ErrorState, PageHeader, Spinner } from '../../components/ui/states.tsx';
import { appCodeOf } from '../../lib/errors.ts';
import { Message, useT } from '../../lib/i18n/i18n.tsx';
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
  const t = useT();
  const { isAdmin, me } = useViewer();
  const list = useQuery({ ...trpc.immersio.apiKey.list.queryOptions(), enabled: isAdmin });
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  if (!isAdmin || appCodeOf(list.error) === 'FORBIDDEN') {
    return (
      <>
        <PageHeader title={t('app.apiKeys.page.title')} />
        <EmptyState title={t('app.apiKeys.page.notAllowedTitle')}>
          {t('app.apiKeys.page.notAllowedBody')}
        </EmptyState>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={t('app.apiKeys.page.title')}
        description={
          <Message id="app.apiKeys.page.description" values={{ code: (chunks) => <code>{chunks}</code> }} />
        }
        actions={<Button onClick={() => setCreating(true)}>{t('app.apiKeys.page.new')}</Button>}
      />
      {list.isPending ? (
        <Spinner label={t('app.apiKeys.page.loading')} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.keys.length === 0 ? (
        <EmptyState
          title={t('app.apiKeys.page.emptyTitle')}
          action={<Button onClick={() => setCreating(true)}>{t('app.apiKeys.page.emptyAction')}</Button>}
        >
          {t('app.apiKeys.page.emptyBody')}
        </EmptyState>
      ) : (
        <ApiKeyRows keys={list.data.keys} timeZone={me.timeZone} onRevoke={setRevoking} />
      )}
      {creating ? <CreateApiKeyDialog onClose={() => setCreating(false)} /> : null}
      {revoking ? <RevokeApiKeyDialog apiKey={revoking} onClose={() => setRevoking(null)} /> : null}
    </>
  );
}
