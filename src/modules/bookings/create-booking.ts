import { randomBytes } from 'node:crypto';
import { PLANS } from '../tenants/plans.ts';
import { findBookableSession } from './bookable-session.ts';
import { admitBooking, monthlyAllowance } from './booking-admission.ts';
import { notifyContext } from './booking-notify-context.ts';
import type { BookingsDeps } from './bookings-deps.ts';
import { bookingConfirmedMessages, manageUrl } from './notifications.ts';
import { holdExpiry, startPaidCheckout } from './paid-booking-checkout.ts';
import { reserveSlotSeries } from './reserve-slot-series.ts';
import { announceSeatChanges } from './seat-changes.ts';
import { reserveBookingSeat } from './seat-reservation.ts';
import type { NewBooking } from './seats.repo.ts';
import { reserveSlotBookingSeat } from './slot-reservation.ts';

export interface CreateBookingInput {
  tenantSlug: string;
  workshopSlug: string;
  startTime: Date;
  attendee: { name: string; email: string; timeZone: string };
  /**
   * The student's Immersio id, which can satisfy a whitelist by itself. Callers pass only an id
   * they have verified (the public API: the "Sign in with Immersio" session), never one a client
   * merely claims.
   */
  immersioStudentId?: string | undefined;
  registrationSource?: string;
}

export type CreateBookingDeps = Pick<
  BookingsDeps,
  'db' | 'env' | 'bus' | 'logger' | 'now' | 'wakeOutbox' | 'payments' | 'catalog'
>;

const newUid = (prefix: string) => `${prefix}_${randomBytes(10).toString('hex')}`;

/**
 * Books a seat: free bookings are confirmed by the statement that takes the seat; paid ones hold
 * it while the student pays at Stripe Checkout, and Stripe's webhook confirms them. A recurring
 * slot-booked workshop books every occurrence of the series at once, one booking each (the first
 * is the one answered and paid for: one checkout for the whole series).
 */
export async function createBooking(deps: CreateBookingDeps, input: CreateBookingInput) {
  const now = deps.now();
  const { tenant, workshop: slot, target } = await findBookableSession(deps, input, now);
  const email = input.attendee.email.trim().toLowerCase();
  const immersioStudentId = input.immersioStudentId?.trim() || undefined;
  const { paid } = await admitBooking(deps, { tenant, workshop: slot, email, immersioStudentId });

  const holdExpiresAt = paid ? holdExpiry(now) : null;
  const occurrences =
    target.kind === 'slot'
      ? target.occurrences.map((o) => ({ startTime: o.slot.startTime, endTime: o.slot.endTime }))
      : [{ startTime: target.session.startTime, endTime: target.session.endTime }];
  const seriesUid = occurrences.length > 1 ? newUid('series') : null;
  const ctx = notifyContext(deps.env, tenant, slot, now);
  const made = occurrences.map((times, index) => {
    const booking: Omit<NewBooking, 'sessionId'> = {
      uid: newUid('booking'),
      tenantId: tenant.id,
      workshopId: slot.workshopId,
      title: slot.title,
      ...times,
      status: paid ? 'pending' : 'accepted',
      attendeeEmail: email,
      attendeeName: input.attendee.name.trim(),
      attendeeTimeZone: input.attendee.timeZone,
      amountCents: slot.priceCents,
      currency: slot.currency,
      immersioStudentId: immersioStudentId ?? null,
      registrationSource: input.registrationSource ?? 'public',
      holdExpiresAt,
      seriesUid,
      now,
    };
    const messages = paid
      ? []
      : bookingConfirmedMessages(
          ctx,
          { ...booking, paid: false },
          { stripePaymentId: null, emails: index === 0 },
        );
    return { booking, messages };
  });
  const plan = PLANS[tenant.plan];
  const allowance = monthlyAllowance(plan, tenant.timeZone, now);
  let ids: number[];
  if (target.kind === 'session') {
    const [{ booking, messages }] = made as [(typeof made)[number]];
    ids = [
      await reserveBookingSeat(deps, {
        booking: { ...booking, sessionId: target.session.id },
        messages,
        plan,
        allowance,
      }),
    ];
  } else {
    const slotBookings = made.map(({ booking, messages }, i) => ({
      booking: { ...booking, ...target.occurrences[i]! },
      messages,
    }));
    const taken =
      slotBookings.length === 1
        ? [await reserveSlotBookingSeat(deps, { ...slotBookings[0]!, plan, allowance })]
        : await reserveSlotSeries(deps, { bookings: slotBookings, plan, allowance });
    ids = taken.map((t) => t.id);
  }
  await announceSeatChanges(deps, [tenant.id], !paid);

  const first = made[0]!.booking;
  const link = manageUrl(deps.env, first.uid);
  const view = (b: typeof first) => ({
    uid: b.uid,
    title: slot.title,
    startTime: b.startTime,
    endTime: b.endTime,
    paid: false,
  });
  const status = paid ? ('pending' as const) : ('accepted' as const);
  // A series answers its other occurrences beside the first, each with its own manage link.
  const series = seriesUid
    ? {
        series: {
          uid: seriesUid,
          bookings: made.map(({ booking }) => ({
            ...view(booking),
            status,
            manageUrl: manageUrl(deps.env, booking.uid),
          })),
        },
      }
    : {};
  if (!paid) return { booking: { ...view(first), status }, payment: null, manageUrl: link, ...series };

  const amount = slot.priceCents * made.length;
  const checkout = await startPaidCheckout(deps, {
    tenant,
    plan,
    booking: {
      ...first,
      id: ids[0]!,
      amountCents: amount,
      title: seriesUid ? `${slot.title} (${made.length} sessions)` : slot.title,
    },
    heldIds: ids,
    expiresAt: holdExpiresAt!,
    manageUrl: link,
  });
  return {
    booking: { ...view(first), status },
    payment: { checkoutUrl: checkout.url, amount, currency: slot.currency, expiresAt: holdExpiresAt! },
    manageUrl: link,
    ...series,
  };
}
