import { useQuery } from '@tanstack/react-query';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { useViewer } from '../../lib/viewer.ts';
import { useTRPC } from '../../trpc.ts';
import { BOOKING_STATUSES, type BookingsSearch } from './search.ts';

const STATUS_LABELS: Record<(typeof BOOKING_STATUSES)[number], string> = {
  accepted: 'Confirmed',
  pending: 'Awaiting payment',
  cancelled: 'Cancelled',
};

/** The list's filters, kept in the URL: every change is a navigation (and resets the page). */
export function BookingFilters({
  search,
  rangeError,
  onChange,
}: {
  search: BookingsSearch;
  rangeError: string | undefined;
  onChange: (patch: Partial<BookingsSearch>) => void;
}) {
  const trpc = useTRPC();
  const { me, isAdmin } = useViewer();
  // A teacher's picker lists their own classes: the only ones whose bookings they see.
  const workshops = useQuery(
    trpc.immersio.workshop.list.queryOptions({ limit: 100, ...(isAdmin ? {} : { teacherId: me.id }) }),
  );
  const members = useQuery({ ...trpc.immersio.tenant.listMembers.queryOptions(), enabled: isAdmin });
  const number = (value: string) => (value === '' ? undefined : Number(value));

  return (
    <form
      aria-label="Filter bookings"
      className="mb-4 grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-5"
      onSubmit={(event) => event.preventDefault()}
    >
      <SelectField
        label="Status"
        value={search.status ?? ''}
        onChange={(event) =>
          onChange({ status: (event.target.value || undefined) as BookingsSearch['status'] })
        }
      >
        <option value="">All bookings</option>
        {BOOKING_STATUSES.map((status) => (
          <option key={status} value={status}>
            {STATUS_LABELS[status]}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Sessions from"
        type="date"
        value={search.from ?? ''}
        max={search.to}
        error={rangeError}
        onChange={(event) => onChange({ from: event.target.value || undefined })}
      />
      <TextField
        label="Sessions until"
        type="date"
        value={search.to ?? ''}
        min={search.from}
        onChange={(event) => onChange({ to: event.target.value || undefined })}
      />
      <SelectField
        label="Workshop"
        value={search.workshopId ?? ''}
        disabled={workshops.isPending}
        onChange={(event) => onChange({ workshopId: number(event.target.value) })}
      >
        <option value="">All workshops</option>
        {workshops.data?.workshops.map((w) => (
          <option key={w.id} value={w.id}>
            {w.title}
          </option>
        ))}
      </SelectField>
      {isAdmin ? (
        <SelectField
          label="Teacher"
          value={search.teacherId ?? ''}
          disabled={members.isPending}
          onChange={(event) => onChange({ teacherId: number(event.target.value) })}
        >
          <option value="">All teachers</option>
          {members.data?.members.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.name}
            </option>
          ))}
        </SelectField>
      ) : null}
    </form>
  );
}
