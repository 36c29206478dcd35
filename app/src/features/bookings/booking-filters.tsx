import { useQuery } from '@tanstack/react-query';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { type AppMessageKey, useT } from '../../lib/i18n/i18n.tsx';
import { useViewer } from '../../lib/viewer.ts';
import { useTRPC } from '../../trpc.ts';
import { BOOKING_STATUSES, type BookingsSearch } from './search.ts';

const STATUS_LABELS: Record<(typeof BOOKING_STATUSES)[number], AppMessageKey> = {
  accepted: 'app.bookings.status.accepted',
  pending: 'app.bookings.status.pending',
  cancelled: 'app.bookings.status.cancelled',
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
  const t = useT();
  const { me, isAdmin } = useViewer();
  // A teacher's picker lists their own classes: the only ones whose bookings they see.
  const workshops = useQuery(
    trpc.immersio.workshop.list.queryOptions({ limit: 100, ...(isAdmin ? {} : { teacherId: me.id }) }),
  );
  const members = useQuery({ ...trpc.immersio.tenant.listMembers.queryOptions(), enabled: isAdmin });
  const number = (value: string) => (value === '' ? undefined : Number(value));

  return (
    <form
      aria-label={t('app.bookings.filters.label')}
      className="mb-4 grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-5"
      onSubmit={(event) => event.preventDefault()}
    >
      <SelectField
        label={t('app.bookings.filters.status')}
        value={search.status ?? ''}
        onChange={(event) =>
          onChange({ status: (event.target.value || undefined) as BookingsSearch['status'] })
        }
      >
        <option value="">{t('app.bookings.filters.allBookings')}</option>
        {BOOKING_STATUSES.map((status) => (
          <option key={status} value={status}>
            {t(STATUS_LABELS[status])}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('app.bookings.filters.from')}
        type="date"
        value={search.from ?? ''}
        max={search.to}
        error={rangeError}
        onChange={(event) => onChange({ from: event.target.value || undefined })}
      />
      <TextField
        label={t('app.bookings.filters.until')}
        type="date"
        value={search.to ?? ''}
        min={search.from}
        onChange={(event) => onChange({ to: event.target.value || undefined })}
      />
      <SelectField
        label={t('app.bookings.filters.workshop')}
        value={search.workshopId ?? ''}
        disabled={workshops.isPending}
        onChange={(event) => onChange({ workshopId: number(event.target.value) })}
      >
        <option value="">{t('app.bookings.filters.allWorkshops')}</option>
        {workshops.data?.workshops.map((w) => (
          <option key={w.id} value={w.id}>
            {w.title}
          </option>
        ))}
      </SelectField>
      {isAdmin ? (
        <SelectField
          label={t('app.bookings.filters.teacher')}
          value={search.teacherId ?? ''}
          disabled={members.isPending}
          onChange={(event) => onChange({ teacherId: number(event.target.value) })}
        >
          <option value="">{t('app.bookings.filters.allTeachers')}</option>
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
