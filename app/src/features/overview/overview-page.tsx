import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { type ReactNode, useEffect } from 'react';
import { buttonClass } from '../../components/ui/button.tsx';
import { EmptyState, ErrorState, PageHeader, Spinner } from '../../components/ui/states.tsx';
import { useViewer } from '../../lib/viewer.ts';
import { useTRPC } from '../../trpc.ts';
import { preloadCharts } from './chart-figure.tsx';
import { rangeName } from './dates.ts';
import { KpiTiles } from './kpi-tiles.tsx';
import { checklistDone, OnboardingChecklist } from './onboarding-checklist.tsx';
import { FillRateFigure, TimeFigures, TopWorkshopsFigure } from './overview-figures.tsx';
import { PeriodSwitcher } from './period-switcher.tsx';
import { type Overview, PERIOD_LABELS } from './types.ts';
import { UpcomingSessions } from './upcoming-sessions.tsx';

const route = getRouteApi('/staff/');

/**
 * `/`: how the school (or, for a teacher, their own classes) is doing in the period in the URL:
 * key figures (getStats; a teacher's come with getOverview), this week's sessions, charts, and
 * the onboarding checklist until it is done.
 */
export function OverviewPage() {
  const trpc = useTRPC();
  const period = route.useSearch().period ?? 'month';
  const { membership, isAdmin } = useViewer();
  // Both queries start in this render, so httpBatchLink sends them as one request.
  const overview = useQuery({
    ...trpc.immersio.tenant.getOverview.queryOptions({ period }),
    placeholderData: keepPreviousData,
  });
  const schoolStats = useQuery({
    ...trpc.immersio.tenant.getStats.queryOptions({ period }),
    enabled: isAdmin,
    placeholderData: keepPreviousData,
  });
  useEffect(preloadCharts, []);

  const data = overview.data;
  const stats = isAdmin ? schoolStats.data : (data?.teacherStats ?? undefined);
  const periodName = PERIOD_LABELS[period];
  const updating = overview.isPlaceholderData || (isAdmin && schoolStats.isPlaceholderData);
  // The first paint waits for both answers (one batched request) and then shows everything at
  // once: skeletons of other heights, and a checklist arriving above them, made the page jump.
  const firstLoad = !overview.isError && (!data || (isAdmin && !stats && !schoolStats.isError));

  return (
    <>
      <PageHeader
        title="Overview"
        description={
          <>
            {isAdmin ? membership?.tenantName : `Your classes at ${membership?.tenantName ?? 'your school'}`}
            {data ? ` · ${rangeName(data.range, data.timeZone)}` : ''}
            {isAdmin ? null : <span className="block">The figures count only the classes you teach.</span>}
          </>
        }
        actions={<PeriodSwitcher period={period} />}
      />
      <p role="status" className="sr-only">
        {overview.isPending
          ? 'Loading the overview…'
          : updating
            ? `Loading ${periodName.toLowerCase()}…`
            : ''}
      </p>
      {overview.isError ? (
        <div className="mb-6">
          <ErrorState error={overview.error} onRetry={() => overview.refetch()} />
        </div>
      ) : null}
      {firstLoad ? <Spinner label="Loading the overview…" /> : null}
      {isAdmin && data && !firstLoad && !checklistDone(data.checklist) ? (
        <OnboardingChecklist checklist={data.checklist} />
      ) : null}

      {data && !firstLoad ? (
        <div
          className={updating ? 'space-y-8 opacity-60 transition-opacity' : 'space-y-8'}
          aria-busy={updating}
        >
          <Section id="overview-figures" title={`Key figures · ${periodName}`}>
            {isAdmin && schoolStats.isError ? (
              <ErrorState error={schoolStats.error} onRetry={() => schoolStats.refetch()} />
            ) : stats ? (
              <KpiTiles stats={stats} overview={data} />
            ) : null}
          </Section>

          <Section id="overview-sessions" title="This week’s sessions">
            <UpcomingSessions overview={data} showTeacher={isAdmin} />
          </Section>

          <Section id="overview-trends" title={`Trends · ${periodName}`}>
            <Trends overview={data} stats={stats} periodName={periodName} canCreate={isAdmin} />
          </Section>
        </div>
      ) : null}
    </>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id} className="mb-3 text-lg font-semibold text-slate-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Trends(props: {
  overview: Overview;
  stats: Parameters<typeof TopWorkshopsFigure>[0]['stats'] | undefined;
  periodName: string;
  canCreate: boolean;
}) {
  const { overview, stats, periodName } = props;
  const quiet =
    overview.series.every((p) => p.bookings === 0 && p.revenue === 0) &&
    overview.otherCurrencies.length === 0 &&
    overview.fillRate.length === 0;
  if (quiet) {
    return (
      <EmptyState
        title={`No bookings or sessions ${periodName.toLowerCase()} yet`}
        action={
          props.canCreate && !overview.checklist.hasWorkshop ? (
            <Link to="/workshops/new" className={buttonClass('primary')}>
              Create a class
            </Link>
          ) : undefined
        }
      >
        Charts of bookings, revenue and filled seats appear here as students book.
      </EmptyState>
    );
  }
  return (
    <div className="space-y-4">
      <TimeFigures overview={overview} periodName={periodName} />
      <div className="grid gap-4 xl:grid-cols-2">
        <FillRateFigure overview={overview} periodName={periodName} />
        {stats ? (
          <TopWorkshopsFigure stats={stats} currency={overview.currency} periodName={periodName} />
        ) : null}
      </div>
    </div>
  );
}
