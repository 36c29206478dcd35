import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { SelectField } from '../../components/ui/field.tsx';
import { EmptyState, ErrorState, PageHeader, Spinner } from '../../components/ui/states.tsx';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useViewer } from '../../lib/viewer.ts';
import { useTRPC } from '../../trpc.ts';
import { CreateScheduleDialog } from './create-schedule-dialog.tsx';
import { DeleteScheduleDialog } from './delete-schedule-dialog.tsx';
import { useScheduleActions } from './schedule-actions.ts';
import type { Schedule } from './schedule-form-model.ts';
import { ScheduleRows } from './schedule-rows.tsx';

const route = getRouteApi('/staff/availability');

/**
 * /availability: when teachers can be booked for slot-booked classes. Admins see every teacher's
 * schedules (or one teacher's, chosen in the URL); a teacher sees their own, as the server holds
 * them to.
 */
export function AvailabilityPage() {
  const trpc = useTRPC();
  const t = useT();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const { isAdmin } = useViewer();
  const teacherId = isAdmin ? search.teacherId : undefined;
  const list = useQuery(trpc.immersio.availability.list.queryOptions(teacherId ? { teacherId } : {}));
  const actions = useScheduleActions();
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Schedule | null>(null);

  return (
    <>
      <PageHeader
        title={t('app.availability.page.title')}
        description={
          isAdmin
            ? t('app.availability.page.descriptionAdmin')
            : t('app.availability.page.descriptionTeacher')
        }
        actions={<Button onClick={() => setCreating(true)}>{t('app.availability.page.newSchedule')}</Button>}
      />
      {isAdmin ? (
        <TeacherFilter
          value={teacherId}
          onChange={(next) => navigate({ search: { teacherId: next }, replace: true })}
        />
      ) : null}
      {list.isPending ? (
        <Spinner label={t('app.availability.page.loading')} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.schedules.length === 0 ? (
        <EmptyState
          title={t('app.availability.page.emptyTitle')}
          action={<Button onClick={() => setCreating(true)}>{t('app.availability.page.emptyAction')}</Button>}
        >
          {teacherId ? t('app.availability.page.emptyTeacher') : t('app.availability.page.emptyAll')}
        </EmptyState>
      ) : (
        <>
          <p className="mb-2 text-sm text-slate-600" aria-live="polite">
            {t('app.availability.page.count', { count: list.data.schedules.length })}
          </p>
          <ScheduleRows
            schedules={list.data.schedules}
            showTeacher={isAdmin}
            onMakeDefault={(s) => void actions.makeDefault(s)}
            onDelete={setDeleting}
          />
        </>
      )}
      {creating ? <CreateScheduleDialog teacherId={teacherId} onClose={() => setCreating(false)} /> : null}
      {deleting ? (
        <DeleteScheduleDialog
          schedule={deleting}
          onDelete={() => actions.remove(deleting)}
          onClose={() => setDeleting(null)}
        />
      ) : null}
    </>
  );
}

function TeacherFilter({
  value,
  onChange,
}: {
  value: number | undefined;
  onChange: (teacherId: number | undefined) => void;
}) {
  const trpc = useTRPC();
  const t = useT();
  const members = useQuery(trpc.immersio.tenant.listMembers.queryOptions());
  const options = members.data?.members ?? [];
  const unknown = value !== undefined && !options.some((m) => m.userId === value);
  return (
    <div className="mb-4 max-w-xs">
      <SelectField
        label={t('app.availability.filter.teacher')}
        value={value === undefined ? '' : String(value)}
        disabled={members.isPending}
        hint={members.isError ? t('app.availability.filter.loadFailed') : undefined}
        onChange={(event) => onChange(event.target.value === '' ? undefined : Number(event.target.value))}
      >
        <option value="">{t('app.availability.filter.all')}</option>
        {unknown ? (
          <option value={String(value)}>
            {members.isPending ? t('app.availability.filter.loading') : t('app.availability.filter.unknown')}
          </option>
        ) : null}
        {options.map((m) => (
          <option key={m.userId} value={String(m.userId)}>
            {m.name}
          </option>
        ))}
      </SelectField>
    </div>
  );
}
