import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { Button, buttonClass } from '../../components/ui/button.tsx';
import { ErrorState, PageHeader, Spinner } from '../../components/ui/states.tsx';
import { Tabs } from '../../components/ui/tabs.tsx';
import { appCodeOf } from '../../lib/errors.ts';
import { useViewer } from '../../lib/viewer.ts';
import { useTRPC } from '../../trpc.ts';
import { BookingsTab } from './bookings-tab.tsx';
import { DetailsTab } from './details-tab.tsx';
import { EnrolmentsTab } from './enrolments-tab.tsx';
import { Unavailable } from './feedback.tsx';
import { WORKSHOP_TABS } from './search.ts';
import { SessionsTab } from './sessions-tab.tsx';
import { WhitelistTab } from './whitelist-tab.tsx';
import { statusActions, useWorkshopActions } from './workshop-actions.ts';
import { StatusBadge } from './workshop-rows.tsx';

const route = getRouteApi('/staff/workshops/$workshopId');

/** /workshops/$workshopId: a workshop's details, sessions, whitelist and bookings, the tab in the URL. */
export function WorkshopPage() {
  const trpc = useTRPC();
  const params = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const { me, isAdmin } = useViewer();
  const actions = useWorkshopActions();
  const workshopId = Number(params.workshopId);
  const valid = Number.isInteger(workshopId) && workshopId > 0;
  const query = useQuery({ ...trpc.immersio.workshop.get.queryOptions({ workshopId }), enabled: valid });

  if (!valid || appCodeOf(query.error) === 'WORKSHOP_NOT_FOUND') {
    return (
      <Unavailable title="Workshop not found" back>
        It may have been removed, or it belongs to another school.
      </Unavailable>
    );
  }
  if (query.isPending) return <Spinner label="Loading the workshop…" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;

  const workshop = query.data;
  const teachesIt = workshop.teacher.id === me.id;
  const tab = search.tab ?? 'details';

  return (
    <>
      <p className="mb-2 text-sm">
        <Link to="/workshops" className="text-brand-700 underline-offset-2 hover:underline">
          ← Workshops
        </Link>
      </p>
      <PageHeader
        title={workshop.title}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <StatusBadge status={workshop.status} />
            <span>Taught by {workshop.teacher.name}</span>
          </span>
        }
        actions={
          <>
            {isAdmin
              ? statusActions(workshop.status).map((a) => (
                  <Button
                    key={a.to}
                    variant={a.to === 'active' ? 'primary' : 'secondary'}
                    size="sm"
                    busy={actions.pending}
                    onClick={() => actions.setStatus(workshop.id, a.to)}
                  >
                    {a.label}
                  </Button>
                ))
              : null}
            <Button variant="secondary" size="sm" onClick={() => actions.copyLink(workshop.id)}>
              Copy booking link
            </Button>
            {workshop.status === 'active' ? (
              <a
                href={workshop.bookingUrl}
                target="_blank"
                rel="noopener noreferrer"
                className={buttonClass('secondary', 'sm')}
              >
                Open public page<span className="sr-only"> (opens in a new tab)</span>
              </a>
            ) : null}
          </>
        }
      />
      <Tabs
        label="Workshop sections"
        value={tab}
        onValueChange={(value) => {
          const next = WORKSHOP_TABS.find((t) => t === value);
          if (next) void navigate({ search: { tab: next }, replace: true });
        }}
        tabs={[
          {
            value: 'details',
            label: 'Details',
            content: <DetailsTab workshop={workshop} canEdit={isAdmin} />,
          },
          {
            value: 'sessions',
            label: 'Sessions',
            content: <SessionsTab workshop={workshop} canEdit={isAdmin} />,
          },
          {
            value: 'whitelist',
            label: 'Whitelist',
            content: <WhitelistTab workshop={workshop} canEdit={isAdmin} canRead={isAdmin || teachesIt} />,
          },
          {
            value: 'bookings',
            label: 'Bookings',
            content: <BookingsTab workshop={workshop} canRead={isAdmin || teachesIt} />,
          },
          {
            value: 'enrolments',
            label: 'Enrolments',
            content: <EnrolmentsTab workshop={workshop} canRead={isAdmin || teachesIt} />,
          },
        ]}
      />
    </>
  );
}
