import { randomBytes } from 'node:crypto';
import { PLANS } from '../tenants/plans.ts';
import { findBookableSession } from './bookable-session.ts';
import { admitBooking, monthlyAllowance } from './booking-admission.ts';
import { notifyContext } from './booking-notify-context.ts';
import type { BookingsDeps } from './bookings-deps.ts';
import { bookingConfirmedMessages, manageUrl } from './notifications.ts';
import { holdExpiry, startPaidCheckout } from './paid-booking-checkout.ts';
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

/**
 * Books a seat: free bookings are confirmed by the statement that takes the seat; paid ones hold
 * it while the student pays at Stripe Checkout, and Stripe's webhook confirms them.
 */
export async function createBooking(deps: CreateBookingDeps, input: CreateBookingInput) {
  const now = deps.now();
  const { tenant, workshop: slot, target } = await findBookableSession(deps, input, now);
  const email = input.attendee.email.trim().toLowerCase();
  const immersioStudentId = input.immersioStudentId?.trim() || undefined;
  const { paid } = await admitBooking(deps, { tenant, workshop: slot, email, immersioStudentId });

  const uid = `booking_${randomBytes(10).toString('hex')}`;
  const holdExpiresAt = paid ? holdExpiry(now) : null;
  const { startTime, endTime } = target.kind === 'slot' ? target.slot : target.session;
  const booking: Omit<NewBooking, 'sessionId'> = {
    uid,
    tenantId: tenant.id,
    workshopId: slot.workshopId,
    title: slot.title,
    startTime,
    endTime,
    status: paid ? 'pending' : 'accepted',
    attendeeEmail: email,
    attendeeName: input.attendee.name.trim(),
    attendeeTimeZone: input.attendee.timeZone,
    amountCents: slot.priceCents,
    currency: slot.currency,
    immersioStudentId: immersioStudentId ?? null,
    registrationSource: input.registrationSource ?? 'public',
    holdExpiresAt,
    now,
  };
  const messages = paid
    ? []
    : bookingConfirmedMessages(
        notifyContext(deps.env, tenant, slot, now),
        { ...booking, paid: false },
        { stripePaymentId: null },
      );
  const plan = PLANS[tenant.plan];
  const allowance = monthlyAllowance(plan, tenant.timeZone, now);
  const id =
    target.kind === 'slot'
      ? (
          await reserveSlotBookingSeat(deps, {
            booking: { ...booking, slot: target.slot, teacher: target.teacher },
            messages,
            plan,
            allowance,
          })
        ).id
      : await reserveBookingSeat(deps, {
          booking: { ...booking, sessionId: target.session.id },
          messages,
          plan,
          allowance,
        });
  await announceSeatChanges(deps, [tenant.id], !paid);

  const link = manageUrl(deps.env, uid);
  const view = { uid, title: slot.title, startTime, endTime, paid: false };
  if (!paid) return { booking: { ...view, status: 'accepted' as const }, payment: null, manageUrl: link };

  const checkout = await startPaidCheckout(deps, {
    tenant,
    plan,
    booking: { ...booking, id },
    expiresAt: holdExpiresAt!,
    manageUrl: link,
  });
  return {
    booking: { ...view, status: 'pending' as const },
    payment: {
      checkoutUrl: checkout.url,
      amount: slot.priceCents,
      currency: slot.currency,
      expiresAt: holdExpiresAt!,
    },
    manageUrl: link,
  };
}
