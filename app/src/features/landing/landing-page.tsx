import { useQuery } from '@tanstack/react-query';
import { EmptyState, ErrorState, PageHeader, Spinner } from '../../components/ui/states.tsx';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useViewer } from '../../lib/viewer.ts';
import { useTRPC } from '../../trpc.ts';
import { CustomDomainPanel } from './custom-domain-panel.tsx';
import { EmbedPanel } from './embed-panel.tsx';
import { LandingEditor } from './landing-editor.tsx';

/** /landing: the school's public page, edited beside its live preview (owners and admins). */
export function LandingPage() {
  const t = useT();
  const { isAdmin } = useViewer();
  return (
    <>
      <PageHeader title={t('app.landing.page.title')} description={t('app.landing.page.description')} />
      {isAdmin ? (
        <LandingSettingsLoader />
      ) : (
        <EmptyState title={t('app.landing.page.adminsOnly')}>{t('app.landing.page.askAdmin')}</EmptyState>
      )}
    </>
  );
}

function LandingSettingsLoader() {
  const trpc = useTRPC();
  const t = useT();
  const query = useQuery(trpc.immersio.landing.getSettings.queryOptions({}));
  if (query.isPending) return <Spinner label={t('app.landing.page.loading')} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  // Later reads (after a save, an upload, a publish) update the status, never the form being edited.
  return (
    <>
      <LandingEditor key={query.data.id} settings={query.data} />
      <CustomDomainPanel />
      <EmbedPanel origins={query.data.embedOrigins} />
    </>
  );
}
