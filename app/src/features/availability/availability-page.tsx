import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { Button } from '../../components/ui/button.tsx';
import { SelectField } from '../../components/ui/field.tsx';
import { EmptyState, ErrorState, PageHeader, Spinner } from '../../components/ui/states.tsx';
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
        title="Availability"
        description={
          isAdmin
            ? 'When each teacher can be booked for classes booked by slot. Every teacher has a default schedule.'
            : 'When students can book you for classes booked by slot. Your default schedule applies unless a class names another.'
        }
        actions={<Button onClick={() => setCreating(true)}>New schedule</Button>}
      />
      {isAdmin ? (
        <TeacherFilter
          value={teacherId}
          onChange={(next) => navigate({ search: { teacherId: next }, replace: true })}
        />
      ) : null}
      {list.isPending ? (
        <Spinner label="Loading schedules…" />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.schedules.length === 0 ? (
        <EmptyState
          title="No schedules"
          action={<Button onClick={() => setCreating(true)}>Create a schedule</Button>}
        >
          {teacherId ? 'This teacher has no availability schedule yet.' : 'Nobody has a schedule yet.'}
        </EmptyState>
      ) : (
        <>
          <p className="mb-2 text-sm text-slate-600" aria-live="polite">
            {list.data.schedules.length} {list.data.schedules.length === 1 ? 'schedule' : 'schedules'}
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
  const members = useQuery(trpc.immersio.tenant.listMembers.queryOptions());
  const options = members.data?.members ?? [];
  const unknown = value !== undefined && !options.some((m) => m.userId === value);
  return (
    <div className="mb-4 max-w-xs">
      <SelectField
        label="Teacher"
        value={value === undefined ? '' : String(value)}
        disabled={members.isPending}
        hint={members.isError ? 'Could not load the teachers.' : undefined}
        onChange={(event) => onChange(event.target.value === '' ? undefined : Number(event.target.value))}
      >
        <option value="">All teachers</option>
        {unknown ? (
          <option value={String(value)}>{members.isPending ? 'Loading…' : 'Unknown teacher'}</option>
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
