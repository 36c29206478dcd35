import { useQuery } from '@tanstack/react-query';
import { EmptyState, ErrorState, PageHeader, Spinner } from '../../components/ui/states.tsx';
import { appCodeOf } from '../../lib/errors.ts';
import { formatDate } from '../../lib/format.ts';
import { useViewer } from '../../lib/viewer.ts';
import { useTRPC } from '../../trpc.ts';
import { PlanComparison } from './plan-comparison.tsx';
import { UsageMeter } from './usage-meter.tsx';

/** /plan: the school's plan, this month's usage of its limits, and what every plan offers. */
export function PlanPage() {
  const trpc = useTRPC();
  const { isAdmin } = useViewer();
  const usage = useQuery({ ...trpc.immersio.tenant.getPlanUsage.queryOptions(), enabled: isAdmin });

  if (!isAdmin || appCodeOf(usage.error) === 'FORBIDDEN') {
    return (
      <>
        <PageHeader title="Plan and usage" />
        <EmptyState title="Not allowed">Only the school’s owner and admins see the plan.</EmptyState>
      </>
    );
  }
  if (usage.isPending) return <Spinner label="Loading the plan…" />;
  if (usage.isError) return <ErrorState error={usage.error} onRetry={() => void usage.refetch()} />;

  const { plan, period, usage: used, plans } = usage.data;
  // The period's last day: `end` is the first instant of the next month.
  const lastDay = new Date(period.end.getTime() - 1);
  return (
    <>
      <PageHeader
        title="Plan and usage"
        description={
          <>
            Your school is on the <strong className="capitalize">{plan.type}</strong> plan. Usage for{' '}
            {formatDate(period.start, period.timeZone)} – {formatDate(lastDay, period.timeZone)} (
            {period.timeZone}).
          </>
        }
      />
      <section aria-labelledby="usage-heading">
        <h2 id="usage-heading" className="sr-only">
          This month’s usage
        </h2>
        <div className="grid gap-4 md:grid-cols-3">
          <UsageMeter
            label="Teachers"
            used={used.teachers.used}
            limit={used.teachers.limit}
            detail={`${used.teachers.members} members, ${used.teachers.openInvites} open invitations`}
          />
          <UsageMeter
            label="Bookings this month"
            used={used.bookings.used}
            limit={used.bookings.limit}
            detail="Cancelled bookings count too."
          />
          <UsageMeter
            label="Event types"
            used={used.eventTypes.used}
            limit={used.eventTypes.limit}
            detail="Workshops not archived."
          />
        </div>
      </section>
      <PlanComparison plans={plans} current={plan.type} />
    </>
  );
}
