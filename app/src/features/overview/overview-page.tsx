import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { type ReactNode, useEffect } from 'react';
import { buttonClass } from '../../components/ui/button.tsx';
import { EmptyState, ErrorState, PageHeader, Spinner } from '../../components/ui/states.tsx';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useViewer } from '../../lib/viewer.ts';
import { useTRPC } from '../../trpc.ts';
import { preloadCharts } from './chart-figure.tsx';
import { rangeName } from './dates.ts';
import { KpiTiles } from './kpi-tiles.tsx';
import { checklistDone, OnboardingChecklist } from './onboarding-checklist.tsx';
import { FillRateFigure, TimeFigures, TopWorkshopsFigure } from './overview-figures.tsx';
import { PeriodSwitcher } from './period-switcher.tsx';
import type { Period } from './search.ts';
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
  const t = useT();
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
  const periodName = t(PERIOD_LABELS[period]);
  const updating = overview.isPlaceholderData || (isAdmin && schoolStats.isPlaceholderData);
  // The first paint waits for both answers (one batched request) and then shows everything at
  // once: skeletons of other heights, and a checklist arriving above them, made the page jump.
  const firstLoad = !overview.isError && (!data || (isAdmin && !stats && !schoolStats.isError));

  return (
    <>
      <PageHeader
        title={t('app.overview.page.title')}
        description={
          <>
            {isAdmin
              ? membership?.tenantName
              : membership?.tenantName
                ? t('app.overview.page.teacherScope', { school: membership.tenantName })
                : t('app.overview.page.teacherScopeUnknown')}
            {data ? ` · ${rangeName(data.range, data.timeZone)}` : ''}
            {isAdmin ? null : <span className="block">{t('app.overview.page.teacherNote')}</span>}
          </>
        }
        actions={<PeriodSwitcher period={period} />}
      />
      <p role="status" className="sr-only">
        {overview.isPending
          ? t('app.overview.page.loading')
          : updating
            ? t('app.overview.page.loadingPeriod', { period })
            : ''}
      </p>
      {overview.isError ? (
        <div className="mb-6">
          <ErrorState error={overview.error} onRetry={() => overview.refetch()} />
        </div>
      ) : null}
      {firstLoad ? <Spinner label={t('app.overview.page.loading')} /> : null}
      {isAdmin && data && !firstLoad && !checklistDone(data.checklist) ? (
        <OnboardingChecklist checklist={data.checklist} />
      ) : null}

      {data && !firstLoad ? (
        <div
          className={updating ? 'space-y-8 opacity-60 transition-opacity' : 'space-y-8'}
          aria-busy={updating}
        >
          <Section id="overview-figures" title={t('app.overview.page.keyFigures', { period: periodName })}>
            {isAdmin && schoolStats.isError ? (
              <ErrorState error={schoolStats.error} onRetry={() => schoolStats.refetch()} />
            ) : stats ? (
              <KpiTiles stats={stats} overview={data} />
            ) : null}
          </Section>

          <Section id="overview-sessions" title={t('app.overview.page.sessions')}>
            <UpcomingSessions overview={data} showTeacher={isAdmin} />
          </Section>

          <Section id="overview-trends" title={t('app.overview.page.trends', { period: periodName })}>
            <Trends overview={data} stats={stats} period={period} canCreate={isAdmin} />
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
  period: Period;
  canCreate: boolean;
}) {
  const t = useT();
  const { overview, stats, period } = props;
  const quiet =
    overview.series.every((p) => p.bookings === 0 && p.revenue === 0) &&
    overview.otherCurrencies.length === 0 &&
    overview.fillRate.length === 0;
  if (quiet) {
    return (
      <EmptyState
        title={t('app.overview.page.quietTitle', { period })}
        action={
          props.canCreate && !overview.checklist.hasWorkshop ? (
            <Link to="/workshops/new" className={buttonClass('primary')}>
              {t('app.overview.page.createClass')}
            </Link>
          ) : undefined
        }
      >
        {t('app.overview.page.quietBody')}
      </EmptyState>
    );
  }
  return (
    <div className="space-y-4">
      <TimeFigures overview={overview} period={period} />
      <div className="grid gap-4 xl:grid-cols-2">
        <FillRateFigure overview={overview} period={period} />
        {stats ? <TopWorkshopsFigure stats={stats} currency={overview.currency} period={period} /> : null}
      </div>
    </div>
  );
}
