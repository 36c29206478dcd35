import { Link } from '@tanstack/react-router';
import { TableHead } from '../../components/ui/table-head.tsx';
import { formatDateTime, zoneOffsetName } from '../../lib/format.ts';
import { useT } from '../../lib/i18n/i18n.tsx';
import { AttendanceBadge } from './attendance-control.tsx';
import { AttendeeHeading, BookingStatusBadge, paymentSummary, type StaffBooking } from './booking-badges.tsx';

function SessionTime({ booking }: { booking: StaffBooking }) {
  const { startTime, timeZone } = booking.session;
  return (
    <>
      {formatDateTime(startTime, timeZone)}{' '}
      <span className="text-slate-600">{zoneOffsetName(startTime, timeZone)}</span>
    </>
  );
}

/** The session's time, linking to its roster (a removed session has none). */
function SessionLink({ booking }: { booking: StaffBooking }) {
  const t = useT();
  if (booking.session.id === null) return <SessionTime booking={booking} />;
  return (
    <Link
      to="/sessions/$sessionId"
      params={{ sessionId: String(booking.session.id) }}
      className="font-medium text-brand-700 underline-offset-2 hover:underline"
      aria-label={t('app.bookings.results.rosterLink', {
        title: booking.workshop.title,
        time: formatDateTime(booking.session.startTime, booking.session.timeZone),
      })}
    >
      <SessionTime booking={booking} />
    </Link>
  );
}

/** The school's bookings: a table on wide screens, cards on a phone. */
export function BookingsResults({ bookings }: { bookings: StaffBooking[] }) {
  const t = useT();
  const columns = [
    t('app.bookings.results.session'),
    t('app.bookings.results.workshop'),
    t('app.bookings.results.attendee'),
    t('app.bookings.results.status'),
    t('app.bookings.results.payment'),
    t('app.bookings.results.booked'),
  ];
  return (
    <>
      <section
        aria-label={t('app.bookings.list.title')}
        className="hidden overflow-x-auto rounded-lg border border-slate-200 bg-white md:block"
      >
        <table className="w-full text-left text-sm">
          <TableHead columns={columns} />
          <tbody className="divide-y divide-slate-100">
            {bookings.map((b) => (
              <tr key={b.id}>
                <td className="px-3 py-2">
                  <SessionLink booking={b} />
                </td>
                <td className="px-3 py-2">
                  <div className="text-slate-900">{b.workshop.title}</div>
                  <div className="text-xs text-slate-600">{b.teacher.name}</div>
                </td>
                <td className="px-3 py-2">
                  <div className="text-slate-900">{b.attendee.name}</div>
                  <div className="text-xs text-slate-600">{b.attendee.email}</div>
                </td>
                <td className="px-3 py-2">
                  <BookingStatusBadge status={b.status} source={b.registrationSource} />{' '}
                  <AttendanceBadge booking={b} />
                </td>
                <td className="px-3 py-2 text-slate-800">{paymentSummary(b, t)}</td>
                <td className="px-3 py-2 text-slate-700">
                  {formatDateTime(b.createdAt, b.session.timeZone)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <ul aria-label={t('app.bookings.list.title')} className="space-y-3 md:hidden">
        {bookings.map((b) => (
          <li key={b.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
            <AttendeeHeading booking={b} />
            <p className="mt-2 text-slate-800">{b.workshop.title}</p>
            <p>
              <SessionLink booking={b} />
            </p>
            <p className="mt-1 text-slate-700">{paymentSummary(b, t)}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
