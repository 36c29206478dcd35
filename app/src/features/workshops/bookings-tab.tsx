import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { SelectField } from '../../components/ui/field.tsx';
import { Badge, EmptyState, ErrorState, Pagination, Spinner } from '../../components/ui/states.tsx';
import { formatDateTime, formatMoney } from '../../lib/format.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { Unavailable } from './feedback.tsx';
import type { Workshop } from './types.ts';

const PAGE_SIZE = 50;
const STATUSES = ['accepted', 'pending', 'cancelled'] as const;
const STATUS_TONES: Record<string, 'green' | 'amber' | 'red' | 'slate'> = {
  accepted: 'green',
  pending: 'amber',
  cancelled: 'red',
};

/**
 * The workshop's bookings (`immersio.workshop.getBookings`), each linked to its session's
 * roster. Bookings carry their session's start time: the session is found by it.
 */
export function BookingsTab({ workshop, canRead }: { workshop: Workshop; canRead: boolean }) {
  const trpc = useTRPC();
  const t = useT();
  const [status, setStatus] = useState<(typeof STATUSES)[number] | undefined>();
  const [page, setPage] = useState(1);
  const bookings = useQuery({
    ...trpc.immersio.workshop.getBookings.queryOptions({
      workshopId: workshop.id,
      page,
      limit: PAGE_SIZE,
      ...(status ? { status } : {}),
    }),
    enabled: canRead,
    placeholderData: keepPreviousData,
  });
  if (!canRead) {
    return (
      <Unavailable title={t('app.workshops.unavailable.title')}>
        {t('app.workshops.bookings.unavailableBody')}
      </Unavailable>
    );
  }
  const sessionAt = new Map(workshop.sessions.map((s) => [s.startTime.getTime(), s]));
  const totalPages = bookings.data ? Math.ceil(bookings.data.totalCount / PAGE_SIZE) : 0;

  return (
    <div className="max-w-4xl space-y-3">
      <SelectField
        label={t('app.workshops.bookings.status')}
        fieldClassName="w-full sm:w-56"
        value={status ?? ''}
        onChange={(event) => {
          setStatus(STATUSES.find((s) => s === event.target.value));
          setPage(1);
        }}
      >
        <option value="">{t('app.workshops.bookings.allStatuses')}</option>
        {STATUSES.map((s) => (
          <option key={s} value={s}>
            {t('app.workshops.bookings.statusName', { status: s })}
          </option>
        ))}
      </SelectField>
      {bookings.isPending ? (
        <Spinner label={t('app.workshops.bookings.loading')} />
      ) : bookings.isError ? (
        <ErrorState error={bookings.error} onRetry={() => bookings.refetch()} />
      ) : bookings.data.bookings.length === 0 ? (
        <EmptyState title={t('app.workshops.bookings.empty')}>
          {status ? t('app.workshops.bookings.emptyFiltered') : t('app.workshops.bookings.emptyBody')}
        </EmptyState>
      ) : (
        <>
          <p className="text-sm text-slate-600">
            {t('app.workshops.bookings.count', { count: bookings.data.totalCount })}
          </p>
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {bookings.data.bookings.map((b) => {
              const session = sessionAt.get(b.startTime.getTime());
              const zone = session?.timeZone ?? 'UTC';
              const attendee = b.attendees[0];
              const when = formatDateTime(b.startTime, zone);
              return (
                <li key={b.id} className="grid gap-2 p-3 text-sm sm:grid-cols-[1fr_1fr_auto]">
                  <div className="min-w-0">
                    <p className="font-medium text-slate-900">{attendee?.name ?? '—'}</p>
                    <p className="break-all text-xs text-slate-600">{attendee?.email}</p>
                  </div>
                  <div>
                    {session ? (
                      <Link
                        to="/sessions/$sessionId"
                        params={{ sessionId: String(session.id) }}
                        className="text-brand-700 underline-offset-2 hover:underline"
                      >
                        {when}
                      </Link>
                    ) : (
                      <span className="text-slate-800">{when}</span>
                    )}
                    <p className="text-xs text-slate-600">
                      {b.metadata.registrationSource
                        ? t('app.workshops.bookings.bookedSource', {
                            when: formatDateTime(b.createdAt, zone),
                            source: b.metadata.registrationSource,
                          })
                        : t('app.workshops.bookings.booked', { when: formatDateTime(b.createdAt, zone) })}
                    </p>
                  </div>
                  <div className="flex flex-wrap items-start gap-2">
                    <Badge tone={STATUS_TONES[b.status] ?? 'slate'}>
                      {t('app.workshops.bookings.badge', { status: b.status })}
                    </Badge>
                    {b.payment ? (
                      <span className="text-xs text-slate-700">
                        {t('app.workshops.bookings.payment', {
                          amount: formatMoney(b.payment.amount, b.payment.currency),
                          status: b.payment.status,
                        })}
                      </span>
                    ) : null}
                  </div>
                </li>
              );
            })}
          </ul>
          <Pagination page={page} totalPages={totalPages} onPage={setPage} />
        </>
      )}
    </div>
  );
}
