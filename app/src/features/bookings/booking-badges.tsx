import type { inferRouterOutputs } from '@trpc/server';
import { Badge } from '../../components/ui/states.tsx';
import { formatMoney } from '../../lib/format.ts';
import { type AppMessageKey, type MessageValues, useT } from '../../lib/i18n/i18n.tsx';
import type { AppRouter } from '../../trpc.ts';

/** One booking as the list and the roster receive it. */
export type StaffBooking = inferRouterOutputs<AppRouter>['immersio']['booking']['list']['bookings'][number];

/** `useT()`'s function, for the helpers here that word a booking outside a component. */
export type Translate = (key: AppMessageKey, values?: MessageValues) => string;

const STATUS: Record<
  StaffBooking['status'],
  { label: AppMessageKey; tone: 'green' | 'amber' | 'red' | 'slate' }
> = {
  accepted: { label: 'app.bookings.status.accepted', tone: 'green' },
  pending: { label: 'app.bookings.status.pending', tone: 'amber' },
  cancelled: { label: 'app.bookings.status.cancelled', tone: 'red' },
  expired: { label: 'app.bookings.status.expired', tone: 'slate' },
  failed: { label: 'app.bookings.status.failed', tone: 'slate' },
};

export function BookingStatusBadge({ status, source }: { status: StaffBooking['status']; source?: string }) {
  const t = useT();
  // A pending waitlist booking is a seat held for a student until they claim it.
  if (status === 'pending' && source === 'waitlist') {
    return <Badge tone="amber">{t('app.bookings.status.offeredNotClaimed')}</Badge>;
  }
  const { label, tone } = STATUS[status];
  return <Badge tone={tone}>{t(label)}</Badge>;
}

const PAYMENT: Record<NonNullable<StaffBooking['payment']>['status'], AppMessageKey> = {
  succeeded: 'app.bookings.payment.succeeded',
  refund_pending: 'app.bookings.payment.refundPending',
  refunded: 'app.bookings.payment.refunded',
  partially_refunded: 'app.bookings.payment.partiallyRefunded',
};

/** "€25.00 paid", "€25.00 refunded", "Free" or "Not paid". */
export function paymentSummary(booking: StaffBooking, t: Translate): string {
  if (booking.payment) {
    const summary = t(PAYMENT[booking.payment.status], {
      amount: formatMoney(booking.payment.amount, booking.payment.currency),
    });
    return booking.refund?.status === 'failed'
      ? t('app.bookings.payment.refundFailed', { summary })
      : summary;
  }
  return t(
    booking.paid
      ? 'app.bookings.payment.paid'
      : booking.status === 'pending'
        ? 'app.bookings.payment.notPaidYet'
        : 'app.bookings.payment.none',
  );
}

/** An admin may refund a paid booking whose money has not gone back (the server decides the window). */
export function refundable(booking: StaffBooking): boolean {
  return (
    (booking.status === 'accepted' || booking.status === 'cancelled') &&
    booking.payment?.status === 'succeeded'
  );
}

const SOURCES: Record<string, AppMessageKey> = {
  public: 'app.bookings.source.public',
  immersio: 'app.bookings.source.immersio',
  waitlist: 'app.bookings.source.waitlist',
};

/** Where registrations came from, in words (an unknown source as the server names it). */
export function sourceLabel(source: string, t: Translate): string {
  const key = SOURCES[source];
  return key ? t(key) : source;
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
