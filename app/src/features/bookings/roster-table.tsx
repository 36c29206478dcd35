import { ActionMenu } from '../../components/ui/menu.tsx';
import { TableHead } from '../../components/ui/table-head.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { AttendanceControl } from './attendance-control.tsx';
import {
  AttendeeHeading,
  BookingStatusBadge,
  paymentSummary,
  refundable,
  type StaffBooking,
  sourceLabel,
} from './booking-badges.tsx';

const ROSTER_COLUMNS = [
  'Attendee',
  'E-mail',
  'Time zone',
  'Payment',
  'Source',
  'Immersio ID',
  'Booked at',
  'Status',
  'Attendance',
  'Answers',
  { label: 'Actions', hidden: true },
] as const;

export interface RosterActions {
  /** Offered when the server lets the viewer cancel bookings here. */
  onCancel?: ((booking: StaffBooking) => void) | undefined;
  /** Offered to admins for a paid booking not yet refunded. */
  onRefund?: ((booking: StaffBooking) => void) | undefined;
  /** The session has started: confirmed bookings can be marked attended or no-show. */
  markAttendance?: boolean | undefined;
}

function actionsFor(booking: StaffBooking, actions: RosterActions) {
  const live = booking.status === 'accepted' || booking.status === 'pending';
  const items = [];
  if (actions.onCancel && live) {
    items.push({ label: 'Cancel booking…', danger: true, onSelect: () => actions.onCancel!(booking) });
  }
  if (actions.onRefund && refundable(booking)) {
    items.push({ label: 'Refund…', onSelect: () => actions.onRefund!(booking) });
  }
  return items;
}

function RowActions({ booking, actions }: { booking: StaffBooking; actions: RosterActions }) {
  const items = actionsFor(booking, actions);
  if (items.length === 0) return null;
  return <ActionMenu trigger="Actions" label={`Actions for ${booking.attendee.name}`} items={items} />;
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
  return (
    <>
      <section
        aria-label="Roster"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls sideways must be reachable by keyboard to scroll it
        tabIndex={0}
        className="hidden overflow-x-auto rounded-lg border border-slate-200 bg-white md:block"
      >
        <table className="w-full text-left text-sm">
          <TableHead columns={ROSTER_COLUMNS} />
          <tbody className="divide-y divide-slate-100">
            {bookings.map((b) => (
              <tr key={b.id}>
                <td className="px-3 py-2 font-medium text-slate-900">{b.attendee.name}</td>
                <td className="break-all px-3 py-2 text-slate-800">{b.attendee.email}</td>
                <td className="px-3 py-2 text-slate-700">{b.attendee.timeZone}</td>
                <td className="px-3 py-2 text-slate-800">{paymentSummary(b)}</td>
                <td className="px-3 py-2 text-slate-700">{sourceLabel(b.registrationSource)}</td>
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
      <ul aria-label="Roster" className="space-y-3 md:hidden">
        {bookings.map((b) => (
          <li key={b.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
            <AttendeeHeading booking={b} />
            <dl className="mt-2 grid grid-cols-2 gap-x-3 gap-y-1 text-slate-700">
              <dt className="text-slate-600">Payment</dt>
              <dd>{paymentSummary(b)}</dd>
              <dt className="text-slate-600">Time zone</dt>
              <dd>{b.attendee.timeZone}</dd>
              <dt className="text-slate-600">Source</dt>
              <dd>{sourceLabel(b.registrationSource)}</dd>
              {b.immersioStudentId ? (
                <>
                  <dt className="text-slate-600">Immersio ID</dt>
                  <dd className="break-all">{b.immersioStudentId}</dd>
                </>
              ) : null}
              <dt className="text-slate-600">Booked at</dt>
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
