import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { Button, buttonClass } from '../../components/ui/button.tsx';
import { Badge, EmptyState, ErrorState, PageHeader, Spinner } from '../../components/ui/states.tsx';
import { appCodeOf } from '../../lib/errors.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { DeleteScheduleDialog } from './delete-schedule-dialog.tsx';
import { useScheduleActions } from './schedule-actions.ts';
import { ScheduleEditor } from './schedule-editor.tsx';

const route = getRouteApi('/staff/availability/$scheduleId');

function BackLink() {
  const t = useT();
  return (
    <p className="mb-2 text-sm">
      <Link to="/availability" className="text-brand-700 underline-offset-2 hover:underline">
        {t('app.availability.schedule.back')}
      </Link>
    </p>
  );
}

/** /availability/$scheduleId: one schedule's hours and overrides, its default switch and delete. */
export function SchedulePage() {
  const trpc = useTRPC();
  const t = useT();
  const params = route.useParams();
  const navigate = useNavigate();
  const actions = useScheduleActions();
  const [deleting, setDeleting] = useState(false);
  const scheduleId = Number(params.scheduleId);
  const valid = Number.isInteger(scheduleId) && scheduleId > 0;
  const query = useQuery({ ...trpc.immersio.availability.get.queryOptions({ scheduleId }), enabled: valid });

  const code = appCodeOf(query.error);
  if (!valid || code === 'NOT_FOUND' || code === 'FORBIDDEN') {
    return (
      <EmptyState
        title={t('app.availability.schedule.notFound')}
        action={
          <Link to="/availability" className={buttonClass('secondary')}>
            {t('app.availability.schedule.backToList')}
          </Link>
        }
      >
        {code === 'FORBIDDEN'
          ? t('app.availability.schedule.forbidden')
          : t('app.availability.schedule.gone')}
      </EmptyState>
    );
  }
  if (query.isPending) return <Spinner label={t('app.availability.schedule.loading')} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;

  const schedule = query.data;
  return (
    <>
      <BackLink />
      <PageHeader
        title={schedule.name}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            {schedule.isDefault ? <Badge tone="blue">{t('app.availability.schedule.default')}</Badge> : null}
            <span>
              {schedule.teacher.name} · {schedule.timeZone}
            </span>
          </span>
        }
        actions={
          schedule.isDefault ? null : (
            <>
              <Button
                variant="secondary"
                size="sm"
                busy={actions.pending}
                onClick={() => void actions.makeDefault(schedule)}
              >
                {t('app.availability.schedule.makeDefault')}
              </Button>
              <Button variant="secondary" size="sm" onClick={() => setDeleting(true)}>
                {t('app.availability.schedule.delete')}
              </Button>
            </>
          )
        }
      />
      {/* A fresh form after each save, starting from what was saved (sorted, 24:00 shown as 00:00). */}
      <ScheduleEditor key={schedule.updatedAt.toISOString()} schedule={schedule} />
      {deleting ? (
        <DeleteScheduleDialog
          schedule={schedule}
          onDelete={async () => {
            await actions.remove(schedule);
            await navigate({ to: '/availability', search: {} });
          }}
          onClose={() => setDeleting(false)}
        />
      ) : null}
    </>
  );
}
