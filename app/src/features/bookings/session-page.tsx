import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { Button, buttonClass } from '../../components/ui/button.tsx';
import { Badge, EmptyState, ErrorState, PageHeader, Spinner } from '../../components/ui/states.tsx';
import { appCodeOf } from '../../lib/errors.ts';
import { formatDateTime, formatMoney, formatTime, zoneOffsetName } from '../../lib/format.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { useTRPC } from '../../trpc.ts';
import { MarkRestAttended } from './attendance-control.tsx';
import type { StaffBooking } from './booking-badges.tsx';
import { CancelBookingDialog } from './cancel-booking-dialog.tsx';
import { CancelSessionDialog } from './cancel-session-dialog.tsx';
import { ExportLink } from './export-link.tsx';
import { MoveSessionDialog } from './move-session-dialog.tsx';
import { RefundDialog } from './refund-dialog.tsx';
import { RosterTable } from './roster-table.tsx';
import { WaitlistPanel } from './waitlist-panel.tsx';

/** How often an open roster asks for new bookings (besides refetching when the tab regains focus). */
const ROSTER_POLL_MS = 5_000;

type OpenDialog =
  | { kind: 'cancel'; booking: StaffBooking }
  | { kind: 'refund'; booking: StaffBooking }
  | { kind: 'cancel-session' }
  | { kind: 'move-session' }
  | undefined;

/** /sessions/$sessionId: one session's roster, with the actions the viewer is allowed. */
export function SessionPage() {
  const { sessionId: raw } = useParams({ from: '/staff/sessions/$sessionId' });
  const sessionId = /^\d{1,10}$/.test(raw) ? Number(raw) : undefined;
  if (sessionId === undefined) return <MissingSession />;
  return <Roster sessionId={sessionId} />;
}

function MissingSession({ message }: { message?: string }) {
  const t = useT();
  return (
    <EmptyState
      title={t('app.bookings.session.notFound')}
      action={
        <Link to="/bookings" className={buttonClass('secondary')}>
          {t('app.bookings.filters.allBookings')}
        </Link>
      }
    >
      {message ?? t('app.bookings.session.removed')}
    </EmptyState>
  );
}

function Roster({ sessionId }: { sessionId: number }) {
  const trpc = useTRPC();
  const t = useT();
  const [dialog, setDialog] = useState<OpenDialog>();
  const roster = useQuery({
    ...trpc.immersio.booking.sessionRoster.queryOptions({ sessionId }),
    refetchInterval: ROSTER_POLL_MS,
  });

  if (roster.isPending) return <Spinner label={t('app.bookings.session.loading')} />;
  if (roster.isError) {
    const code = appCodeOf(roster.error);
    if (code === 'NOT_FOUND') return <MissingSession />;
    if (code === 'FORBIDDEN') return <MissingSession message={t('app.bookings.session.notYours')} />;
    return <ErrorState error={roster.error} onRetry={() => void roster.refetch()} />;
  }

  const { session, bookings, totalCount, permissions, waitlist } = roster.data;
  const close = () => setDialog(undefined);
  const start = `${formatDateTime(session.startTime, session.timeZone, { dateStyle: 'full' })}–${formatTime(session.endTime, session.timeZone)} ${zoneOffsetName(session.startTime, session.timeZone)}`;
  const cancelled = session.status === 'cancelled';

  return (
    <div>
      <p className="mb-2 text-sm">
        <Link to="/bookings" className="text-brand-700 underline-offset-2 hover:underline">
          {t('app.bookings.session.back')}
        </Link>
      </p>
      <PageHeader
        title={session.workshop.title}
        description={t('app.bookings.session.description', {
          start,
          zone: session.timeZone,
          teacher: session.teacher.name,
          price:
            session.workshop.price > 0
              ? formatMoney(session.workshop.price, session.workshop.currency)
              : t('app.bookings.cancelSession.free'),
        })}
        actions={
          <>
            <ExportLink filters={{ sessionId }}>{t('app.bookings.session.exportRoster')}</ExportLink>
            {permissions.markAttendance ? (
              <MarkRestAttended sessionId={sessionId} bookings={bookings} />
            ) : null}
            {/* The server decides (teacher or admin, not started); hidden when it could not be. */}
            {permissions.cancelSession && session.startTime > new Date() ? (
              <Button variant="secondary" onClick={() => setDialog({ kind: 'move-session' })}>
                {t('app.bookings.session.move')}
              </Button>
            ) : null}
            {permissions.cancelSession ? (
              <Button variant="danger" onClick={() => setDialog({ kind: 'cancel-session' })}>
                {t('app.bookings.session.cancel')}
              </Button>
            ) : null}
          </>
        }
      />
      <div className="mb-4 flex flex-wrap items-center gap-3 text-sm">
        {cancelled ? (
          <Badge tone="red">{t('app.bookings.cancelSession.toast')}</Badge>
        ) : (
          <Badge tone="green">{t('app.bookings.session.scheduled')}</Badge>
        )}
        <span className="text-slate-800" aria-live="polite">
          {t(waitlist.waiting > 0 ? 'app.bookings.session.seatsWaiting' : 'app.bookings.session.seats', {
            booked: session.bookedSeats,
            seats: session.seats,
            waiting: waitlist.waiting,
          })}
        </span>
        {permissions.markAttendance ? <AttendanceSummary bookings={bookings} /> : null}
        <Link
          to="/workshops/$workshopId"
          params={{ workshopId: String(session.workshop.id) }}
          className="text-brand-700 underline-offset-2 hover:underline"
        >
          {t('app.bookings.session.openWorkshop')}
        </Link>
      </div>
      {bookings.length === 0 ? (
        <EmptyState title={t('app.bookings.list.emptyTitle')}>
          {t('app.bookings.session.emptyBody')}
        </EmptyState>
      ) : (
        <>
          <RosterTable
            bookings={bookings}
            timeZone={session.timeZone}
            actions={{
              onCancel: permissions.cancelBookings
                ? (booking) => setDialog({ kind: 'cancel', booking })
                : undefined,
              onRefund: permissions.refund ? (booking) => setDialog({ kind: 'refund', booking }) : undefined,
              markAttendance: permissions.markAttendance,
            }}
          />
          {totalCount > bookings.length ? (
            <p className="mt-2 text-sm text-slate-700">
              {t('app.bookings.session.truncated', { shown: bookings.length, total: totalCount })}
            </p>
          ) : null}
        </>
      )}
      <WaitlistPanel sessionId={sessionId} timeZone={session.timeZone} />
      {dialog?.kind === 'cancel' ? <CancelBookingDialog booking={dialog.booking} onClose={close} /> : null}
      {dialog?.kind === 'refund' ? <RefundDialog booking={dialog.booking} onClose={close} /> : null}
      {dialog?.kind === 'cancel-session' ? (
        <CancelSessionDialog sessionId={sessionId} title={session.workshop.title} onClose={close} />
      ) : null}
      {dialog?.kind === 'move-session' ? (
        <MoveSessionDialog
          session={{
            id: sessionId,
            title: session.workshop.title,
            startTime: session.startTime,
            timeZone: session.timeZone,
            bookedSeats: session.bookedSeats,
          }}
          onClose={close}
        />
      ) : null}
    </div>
  );
}

/** "3 attended · 1 no-show · 2 to mark", over the confirmed bookings on screen. */
function AttendanceSummary({ bookings }: { bookings: StaffBooking[] }) {
  const t = useT();
  const confirmed = bookings.filter((b) => b.status === 'accepted');
  const count = (status: 'attended' | 'no_show') =>
    confirmed.filter((b) => b.attendance?.status === status).length;
  const toMark = confirmed.filter((b) => !b.attendance).length;
  return (
    <span className="text-slate-800">
      {t(
        toMark > 0
          ? 'app.bookings.session.attendanceSummaryToMark'
          : 'app.bookings.session.attendanceSummary',
        {
          attended: count('attended'),
          noShow: count('no_show'),
          toMark,
        },
      )}
    </span>
  );
}
