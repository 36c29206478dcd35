import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { EmptyState, ErrorState, PageHeader, Pagination, Spinner } from '../../components/ui/states.tsx';
import { useViewer } from '../../lib/viewer.ts';
import { useTRPC } from '../../trpc.ts';
import { BookingFilters } from './booking-filters.tsx';
import { BookingsResults } from './bookings-results.tsx';
import { ExportLink } from './export-link.tsx';
import type { BookingsSearch } from './search.ts';

const PAGE_SIZE = 25;

/** /bookings: the school's bookings (a teacher: their classes'), filtered and paged in the URL. */
export function BookingsPage() {
  const search = useSearch({ from: '/staff/bookings' });
  const navigate = useNavigate({ from: '/bookings' });
  const trpc = useTRPC();
  const { isAdmin } = useViewer();
  const page = search.page ?? 1;
  const { status, from, to, workshopId, teacherId } = search;
  const filters = { status, from, to, workshopId, teacherId };
  const rangeError = from && to && from > to ? 'The first day must not be after the last' : undefined;
  const bookings = useQuery({
    ...trpc.immersio.booking.list.queryOptions({ ...filters, page, limit: PAGE_SIZE }),
    enabled: !rangeError,
    // The previous page stays on screen while the next one loads.
    placeholderData: keepPreviousData,
  });

  const change = (patch: Partial<BookingsSearch>) =>
    navigate({ search: (prev) => ({ ...prev, ...patch, page: undefined }) });
  const filtered = Object.values(filters).some((value) => value !== undefined);

  return (
    <div>
      <PageHeader
        title="Bookings"
        description={
          isAdmin
            ? 'Every booking of the school, newest first.'
            : 'Bookings of the classes you teach, newest first.'
        }
        actions={<ExportLink filters={filters}>Export CSV</ExportLink>}
      />
      <BookingFilters search={search} rangeError={rangeError} onChange={change} />
      {rangeError ? null : bookings.isPending ? (
        <Spinner label="Loading bookings…" />
      ) : bookings.isError ? (
        <ErrorState error={bookings.error} onRetry={() => void bookings.refetch()} />
      ) : bookings.data.bookings.length === 0 ? (
        <EmptyState title={filtered ? 'No bookings match these filters' : 'No bookings yet'}>
          {filtered
            ? 'Try other dates or clear a filter.'
            : 'Bookings appear here as soon as students book a session.'}
        </EmptyState>
      ) : (
        <>
          <p className="mb-2 text-sm text-slate-700" aria-live="polite">
            {bookings.data.totalCount === 1 ? '1 booking' : `${bookings.data.totalCount} bookings`}
          </p>
          <div
            aria-busy={bookings.isPlaceholderData}
            className={bookings.isPlaceholderData ? 'opacity-60' : undefined}
          >
            <BookingsResults bookings={bookings.data.bookings} />
          </div>
          <Pagination
            page={page}
            totalPages={Math.max(1, Math.ceil(bookings.data.totalCount / PAGE_SIZE))}
            onPage={(next) =>
              navigate({ search: (prev) => ({ ...prev, page: next === 1 ? undefined : next }) })
            }
          />
        </>
      )}
    </div>
  );
}
