import { useQuery } from '@tanstack/react-query';
import { EmptyState, ErrorState, PageHeader, Spinner } from '../../components/ui/states.tsx';
import { appCodeOf } from '../../lib/errors.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useViewer } from '../../lib/viewer.ts';
import { useTRPC } from '../../trpc.ts';
import { ConnectionCard } from './connection-card.tsx';
import { CoursesCard } from './courses-card.tsx';
import { DeliveriesCard } from './deliveries-card.tsx';
import { SecretCard } from './secret-card.tsx';
import { SyncCard } from './sync-card.tsx';

/**
 * /immersio (OWNER/ADMIN, as on the server): the connection to the school's Immersio
 * organisation, course syncs and their history, courses mapped to workshops, the webhooks sent
 * to Immersio and the secret that signs them. A teacher who comes here is told so.
 */
export function ImmersioPage() {
  const { isAdmin } = useViewer();
  const t = useT();
  if (!isAdmin) {
    return (
      <>
        <PageHeader title={t('app.immersio.page.title')} />
        <EmptyState title={t('app.immersio.page.notAllowedTitle')}>
          {t('app.immersio.page.notAllowedConnection')}
        </EmptyState>
      </>
    );
  }
  return <AdminImmersio />;
}

function AdminImmersio() {
  const trpc = useTRPC();
  const t = useT();
  const { me } = useViewer();
  const status = useQuery(trpc.immersio.integration.getConnection.queryOptions());
  const timeZone = me.timeZone;

  return (
    <>
      <PageHeader title={t('app.immersio.page.title')} description={t('app.immersio.page.description')} />
      {status.isPending ? (
        <Spinner label={t('app.immersio.page.loading')} />
      ) : status.isError ? (
        appCodeOf(status.error) === 'FORBIDDEN' ? (
          <EmptyState title={t('app.immersio.page.notAllowedTitle')}>
            {t('app.immersio.page.notAllowedBody')}
          </EmptyState>
        ) : (
          <ErrorState error={status.error} onRetry={() => void status.refetch()} />
        )
      ) : (
        <div className="space-y-8">
          <ConnectionCard connection={status.data.connection} timeZone={timeZone} />
          {status.data.connection ? (
            <>
              <SyncCard timeZone={timeZone} />
              <CoursesCard />
              <DeliveriesCard connection={status.data.connection} timeZone={timeZone} />
              <SecretCard connection={status.data.connection} timeZone={timeZone} />
            </>
          ) : null}
        </div>
      )}
    </>
  );
}
