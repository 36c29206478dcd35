import { ActionMenu } from '../../components/ui/menu.tsx';
import { TableHead } from '../../components/ui/table-head.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { AttendanceControl } from './attendance-control.tsx';
import {
  AttendeeHeading,
  BookingStatusBadge,
  paymentSummary,
  refundable,
  type StaffBooking,
  sourceLabel,
  type Translate,
} from './booking-badges.tsx';

const rosterColumns = (t: Translate) => [
  t('app.bookings.results.attendee'),
  t('app.bookings.roster.email'),
  t('app.bookings.roster.timeZone'),
  t('app.bookings.results.payment'),
  t('app.bookings.roster.source'),
  t('app.bookings.roster.immersioId'),
  t('app.bookings.roster.bookedAt'),
  t('app.bookings.results.status'),
  t('app.bookings.roster.attendance'),
  t('app.bookings.roster.answers'),
  { label: t('app.bookings.roster.actions'), hidden: true },
];

export interface RosterActions {
  /** Offered when the server lets the viewer cancel bookings here. */
  onCancel?: ((booking: StaffBooking) => void) | undefined;
  /** Offered to admins for a paid booking not yet refunded. */
  onRefund?: ((booking: StaffBooking) => void) | undefined;
  /** The session has started: confirmed bookings can be marked attended or no-show. */
  markAttendance?: boolean | undefined;
}

function actionsFor(booking: StaffBooking, actions: RosterActions, t: Translate) {
  const live = booking.status === 'accepted' || booking.status === 'pending';
  const items = [];
  if (actions.onCancel && live) {
    items.push({
      label: t('app.bookings.roster.cancelBooking'),
      danger: true,
      onSelect: () => actions.onCancel!(booking),
    });
  }
  if (actions.onRefund && refundable(booking)) {
    items.push({ label: t('app.bookings.roster.refund'), onSelect: () => actions.onRefund!(booking) });
  }
  return items;
}

function RowActions({ booking, actions }: { booking: StaffBooking; actions: RosterActions }) {
  const t = useT();
  const items = actionsFor(booking, actions, t);
  if (items.length === 0) return null;
  return (
    <ActionMenu
      trigger={t('app.bookings.roster.actions')}
      label={t('app.bookings.roster.actionsFor', { name: booking.attendee.name })}
      items={items}
    />
  );
}

/** The student's answers to the workshop's booking questions (issue 17); text, never markup. */
function BookingAnswers({ booking }: { booking: StaffBooking }) {
  if (booking.answers.length === 0) return <span className="text-slate-500">—</span>;
  return (
    <dl className="max-w-64 space-y-1 text-xs">
      {booking.answers.map((a) => (
        <div key={a.questionId}>
          <dt className="font-medium text-slate-700">{a.label}</dt>
          <dd className="whitespace-pre-line break-words text-slate-800">{a.answer}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A session's attendees: a table on wide screens (scrolling inside its region), cards on a phone. */
export function RosterTable({
  bookings,
  timeZone,
  actions,
}: {
  bookings: StaffBooking[];
  timeZone: string;
  actions: RosterActions;
}) {
  const t = useT();
  return (
    <>
      <section
        aria-label={t('app.bookings.roster.label')}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls sideways must be reachable by keyboard to scroll it
        tabIndex={0}
        className="hidden overflow-x-auto rounded-lg border border-slate-200 bg-white md:block"
      >
        <table className="w-full text-left text-sm">
          <TableHead columns={rosterColumns(t)} />
          <tbody className="divide-y divide-slate-100">
            {bookings.map((b) => (
              <tr key={b.id}>
                <td className="px-3 py-2 font-medium text-slate-900">{b.attendee.name}</td>
                <td className="break-all px-3 py-2 text-slate-800">{b.attendee.email}</td>
                <td className="px-3 py-2 text-slate-700">{b.attendee.timeZone}</td>
                <td className="px-3 py-2 text-slate-800">{paymentSummary(b, t)}</td>
                <td className="px-3 py-2 text-slate-700">{sourceLabel(b.registrationSource, t)}</td>
                <td className="px-3 py-2 text-slate-700">{b.immersioStudentId ?? '—'}</td>
                <td className="whitespace-nowrap px-3 py-2 text-slate-700">
                  {formatDateTime(b.createdAt, timeZone)}
                </td>
                <td className="px-3 py-2">
                  <BookingStatusBadge status={b.status} source={b.registrationSource} />
                  {b.cancellation?.reason ? (
                    <p className="mt-1 max-w-48 text-xs text-slate-600">“{b.cancellation.reason}”</p>
                  ) : null}
                </td>
                <td className="px-3 py-2">
                  <AttendanceControl booking={b} canMark={actions.markAttendance ?? false} />
                </td>
                <td className="px-3 py-2">
                  <BookingAnswers booking={b} />
                </td>
                <td className="px-3 py-2 text-right">
                  <RowActions booking={b} actions={actions} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <ul aria-label={t('app.bookings.roster.label')} className="space-y-3 md:hidden">
        {bookings.map((b) => (
          <li key={b.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
            <AttendeeHeading booking={b} />
            <dl className="mt-2 grid grid-cols-2 gap-x-3 gap-y-1 text-slate-700">
              <dt className="text-slate-600">{t('app.bookings.results.payment')}</dt>
              <dd>{paymentSummary(b, t)}</dd>
              <dt className="text-slate-600">{t('app.bookings.roster.timeZone')}</dt>
              <dd>{b.attendee.timeZone}</dd>
              <dt className="text-slate-600">{t('app.bookings.roster.source')}</dt>
              <dd>{sourceLabel(b.registrationSource, t)}</dd>
              {b.immersioStudentId ? (
                <>
                  <dt className="text-slate-600">{t('app.bookings.roster.immersioId')}</dt>
                  <dd className="break-all">{b.immersioStudentId}</dd>
                </>
              ) : null}
              <dt className="text-slate-600">{t('app.bookings.roster.bookedAt')}</dt>
              <dd>{formatDateTime(b.createdAt, timeZone)}</dd>
            </dl>
            {b.cancellation?.reason ? (
              <p className="mt-2 text-xs text-slate-600">“{b.cancellation.reason}”</p>
            ) : null}
            <div className="mt-2">
              <BookingAnswers booking={b} />
            </div>
            <div className="mt-2 flex flex-wrap items-center justify-between gap-2">
              <AttendanceControl booking={b} canMark={actions.markAttendance ?? false} />
              <RowActions booking={b} actions={actions} />
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
