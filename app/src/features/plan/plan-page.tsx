import { useQuery } from '@tanstack/react-query';
import { EmptyState, ErrorState, PageHeader, Spinner } from '../../components/ui/states.tsx';
import { appCodeOf } from '../../lib/errors.ts';
import { formatDate } from '../../lib/format.ts';
import { Message, useT } from '../../lib/i18n/i18n.tsx';
import { useViewer } from '../../lib/viewer.ts';
import { useTRPC } from '../../trpc.ts';
import { PlanComparison } from './plan-comparison.tsx';
import { UsageMeter } from './usage-meter.tsx';

/** /plan: the school's plan, this month's usage of its limits, and what every plan offers. */
export function PlanPage() {
  const trpc = useTRPC();
  const t = useT();
  const { isAdmin } = useViewer();
  const usage = useQuery({ ...trpc.immersio.tenant.getPlanUsage.queryOptions(), enabled: isAdmin });

  if (!isAdmin || appCodeOf(usage.error) === 'FORBIDDEN') {
    return (
      <>
        <PageHeader title={t('app.plan.page.title')} />
        <EmptyState title={t('app.plan.page.notAllowedTitle')}>
          {t('app.plan.page.notAllowedBody')}
        </EmptyState>
      </>
    );
  }
  if (usage.isPending) return <Spinner label={t('app.plan.page.loading')} />;
  if (usage.isError) return <ErrorState error={usage.error} onRetry={() => void usage.refetch()} />;

  const { plan, period, usage: used, plans } = usage.data;
  // The period's last day: `end` is the first instant of the next month.
  const lastDay = new Date(period.end.getTime() - 1);
  return (
    <>
      <PageHeader
        title={t('app.plan.page.title')}
        description={
          <Message
            id="app.plan.page.description"
            values={{
              plan: plan.type,
              start: formatDate(period.start, period.timeZone),
              end: formatDate(lastDay, period.timeZone),
              timeZone: period.timeZone,
              b: (chunks) => <strong className="capitalize">{chunks}</strong>,
            }}
          />
        }
      />
      <section aria-labelledby="usage-heading">
        <h2 id="usage-heading" className="sr-only">
          {t('app.plan.page.usageHeading')}
        </h2>
        <div className="grid gap-4 md:grid-cols-3">
          <UsageMeter
            label={t('app.plan.limit.teachers')}
            used={used.teachers.used}
            limit={used.teachers.limit}
            detail={t('app.plan.usage.teachersDetail', {
              members: used.teachers.members,
              invites: used.teachers.openInvites,
            })}
          />
          <UsageMeter
            label={t('app.plan.usage.bookingsThisMonth')}
            used={used.bookings.used}
            limit={used.bookings.limit}
            detail={t('app.plan.usage.bookingsDetail')}
          />
          <UsageMeter
            label={t('app.plan.limit.eventTypes')}
            used={used.eventTypes.used}
            limit={used.eventTypes.limit}
            detail={t('app.plan.usage.eventTypesDetail')}
          />
        </div>
      </section>
      <PlanComparison plans={plans} current={plan.type} />
    </>
  );
}
