import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { Button, buttonClass } from '../../components/ui/button.tsx';
import { ErrorState, PageHeader, Spinner } from '../../components/ui/states.tsx';
import { Tabs } from '../../components/ui/tabs.tsx';
import { appCodeOf } from '../../lib/errors.ts';
import { Message, useT } from '../../lib/i18n/i18n.tsx';
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
  const t = useT();
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
      <Unavailable title={t('app.workshops.page.notFound')} back>
        {t('app.workshops.page.notFoundBody')}
      </Unavailable>
    );
  }
  if (query.isPending) return <Spinner label={t('app.workshops.page.loading')} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;

  const workshop = query.data;
  const teachesIt = workshop.teacher.id === me.id;
  const tab = search.tab ?? 'details';

  return (
    <>
      <p className="mb-2 text-sm">
        <Link to="/workshops" className="text-brand-700 underline-offset-2 hover:underline">
          {t('app.workshops.page.back')}
        </Link>
      </p>
      <PageHeader
        title={workshop.title}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <StatusBadge status={workshop.status} />
            <span>{t('app.workshops.page.taughtBy', { name: workshop.teacher.name })}</span>
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
                    {t(a.label)}
                  </Button>
                ))
              : null}
            <Button variant="secondary" size="sm" onClick={() => actions.copyLink(workshop.id)}>
              {t('app.workshops.page.copyLink')}
            </Button>
            {workshop.status === 'active' ? (
              <a
                href={workshop.bookingUrl}
                target="_blank"
                rel="noopener noreferrer"
                className={buttonClass('secondary', 'sm')}
              >
                <Message
                  id="app.workshops.page.openPublic"
                  values={{ sr: (chunks) => <span className="sr-only">{chunks}</span> }}
                />
              </a>
            ) : null}
          </>
        }
      />
      <Tabs
        label={t('app.workshops.page.tabs')}
        value={tab}
        onValueChange={(value) => {
          const next = WORKSHOP_TABS.find((tab) => tab === value);
          if (next) void navigate({ search: { tab: next }, replace: true });
        }}
        tabs={[
          {
            value: 'details',
            label: t('app.workshops.page.tab.details'),
            content: <DetailsTab workshop={workshop} canEdit={isAdmin} />,
          },
          {
            value: 'sessions',
            label: t('app.workshops.page.tab.sessions'),
            content: <SessionsTab workshop={workshop} canEdit={isAdmin} />,
          },
          {
            value: 'whitelist',
            label: t('app.workshops.page.tab.whitelist'),
            content: <WhitelistTab workshop={workshop} canEdit={isAdmin} canRead={isAdmin || teachesIt} />,
          },
          {
            value: 'bookings',
            label: t('app.workshops.page.tab.bookings'),
            content: <BookingsTab workshop={workshop} canRead={isAdmin || teachesIt} />,
          },
          {
            value: 'enrolments',
            label: t('app.workshops.page.tab.enrolments'),
            content: <EnrolmentsTab workshop={workshop} canRead={isAdmin || teachesIt} />,
          },
        ]}
      />
    </>
  );
}
