import type { inferRouterOutputs } from '@trpc/server';
import { Badge } from '../../components/ui/states.tsx';
import { formatMoney } from '../../lib/format.ts';
import type { AppRouter } from '../../trpc.ts';

/** One booking as the list and the roster receive it. */
export type StaffBooking = inferRouterOutputs<AppRouter>['immersio']['booking']['list']['bookings'][number];

const STATUS: Record<StaffBooking['status'], { label: string; tone: 'green' | 'amber' | 'red' | 'slate' }> = {
  accepted: { label: 'Confirmed', tone: 'green' },
  pending: { label: 'Awaiting payment', tone: 'amber' },
  cancelled: { label: 'Cancelled', tone: 'red' },
  expired: { label: 'Hold expired', tone: 'slate' },
  failed: { label: 'Payment failed', tone: 'slate' },
};

export function BookingStatusBadge({ status, source }: { status: StaffBooking['status']; source?: string }) {
  // A pending waitlist booking is a seat held for a student until they claim it.
  if (status === 'pending' && source === 'waitlist') return <Badge tone="amber">Offered, not claimed</Badge>;
  const { label, tone } = STATUS[status];
  return <Badge tone={tone}>{label}</Badge>;
}

const PAYMENT: Record<NonNullable<StaffBooking['payment']>['status'], string> = {
  succeeded: 'paid',
  refund_pending: 'refund pending',
  refunded: 'refunded',
  partially_refunded: 'partly refunded',
};

/** "€25.00 paid", "€25.00 refunded", "Free" or "Not paid". */
export function paymentSummary(booking: StaffBooking): string {
  if (booking.payment) {
    const failedRefund = booking.refund?.status === 'failed' ? ' (refund failed)' : '';
    return `${formatMoney(booking.payment.amount, booking.payment.currency)} ${PAYMENT[booking.payment.status]}${failedRefund}`;
  }
  return booking.paid ? 'Paid' : booking.status === 'pending' ? 'Not paid yet' : 'No payment';
}

/** An admin may refund a paid booking whose money has not gone back (the server decides the window). */
export function refundable(booking: StaffBooking): boolean {
  return (
    (booking.status === 'accepted' || booking.status === 'cancelled') &&
    booking.payment?.status === 'succeeded'
  );
}

/** Where registrations came from, in words. */
export function sourceLabel(source: string): string {
  const known: Record<string, string> = {
    public: 'Booking page',
    immersio: 'Immersio sign-in',
    waitlist: 'Waitlist',
  };
  return known[source] ?? source;
}

/** A booking card's first lines on a phone: who, and the booking's state. */
export function AttendeeHeading({ booking }: { booking: StaffBooking }) {
  return (
    <>
      <div className="flex items-start justify-between gap-2">
        <p className="font-medium text-slate-900">{booking.attendee.name}</p>
        <BookingStatusBadge status={booking.status} source={booking.registrationSource} />
      </div>
      <p className="break-all text-slate-700">{booking.attendee.email}</p>
    </>
  );
}
