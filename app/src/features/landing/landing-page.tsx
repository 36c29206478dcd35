import { useQuery } from '@tanstack/react-query';
import { EmptyState, ErrorState, PageHeader, Spinner } from '../../components/ui/states.tsx';
import { useViewer } from '../../lib/viewer.ts';
import { useTRPC } from '../../trpc.ts';
import { LandingEditor } from './landing-editor.tsx';

/** /landing: the school's public page, edited beside its live preview (owners and admins). */
export function LandingPage() {
  const { isAdmin } = useViewer();
  return (
    <>
      <PageHeader
        title="Landing page"
        description="Your school’s public page: its template, colours, words and images."
      />
      {isAdmin ? (
        <LandingSettingsLoader />
      ) : (
        <EmptyState title="Only owners and admins edit the landing page">
          Ask an owner or admin of your school to change it.
        </EmptyState>
      )}
    </>
  );
}

function LandingSettingsLoader() {
  const trpc = useTRPC();
  const query = useQuery(trpc.immersio.landing.getSettings.queryOptions({}));
  if (query.isPending) return <Spinner label="Loading the landing page settings…" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  // Later reads (after a save, an upload, a publish) update the status, never the form being edited.
  return <LandingEditor key={query.data.id} settings={query.data} />;
}
