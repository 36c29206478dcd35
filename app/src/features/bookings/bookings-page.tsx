import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { EmptyState, ErrorState, PageHeader, Pagination, Spinner } from '../../components/ui/states.tsx';
import { useT } from '../../lib/i18n/i18n.tsx';
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
  const t = useT();
  const { isAdmin } = useViewer();
  const page = search.page ?? 1;
  const { status, from, to, workshopId, teacherId } = search;
  const filters = { status, from, to, workshopId, teacherId };
  const rangeError = from && to && from > to ? t('app.bookings.list.rangeError') : undefined;
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
        title={t('app.bookings.list.title')}
        description={
          isAdmin ? t('app.bookings.list.descriptionAdmin') : t('app.bookings.list.descriptionTeacher')
        }
        actions={<ExportLink filters={filters}>{t('app.bookings.list.export')}</ExportLink>}
      />
      <BookingFilters search={search} rangeError={rangeError} onChange={change} />
      {rangeError ? null : bookings.isPending ? (
        <Spinner label={t('app.bookings.list.loading')} />
      ) : bookings.isError ? (
        <ErrorState error={bookings.error} onRetry={() => void bookings.refetch()} />
      ) : bookings.data.bookings.length === 0 ? (
        <EmptyState title={t(filtered ? 'app.bookings.list.noMatchTitle' : 'app.bookings.list.emptyTitle')}>
          {t(filtered ? 'app.bookings.list.noMatchBody' : 'app.bookings.list.emptyBody')}
        </EmptyState>
      ) : (
        <>
          <p className="mb-2 text-sm text-slate-700" aria-live="polite">
            {t('app.bookings.list.count', { count: bookings.data.totalCount })}
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
