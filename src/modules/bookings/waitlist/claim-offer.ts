import { AppError } from '../../../lib/errors.ts';
import { PLANS } from '../../tenants/plans.ts';
import { findTenant } from '../../tenants/tenant-lookup.ts';
import { writeMessages } from '../booking-messages.repo.ts';
import { loadNotifyContext } from '../booking-notify-context.ts';
import { acceptBooking, type BookingRow, lockBooking, setCheckout } from '../bookings.repo.ts';
import type { BookingsDeps } from '../bookings-deps.ts';
import { bookingConfirmedMessages, manageUrl } from '../notifications.ts';
import { bookingCheckoutInput, checkoutFailed, holdExpiry } from '../paid-booking-checkout.ts';
import { announceSeatChanges } from '../seat-changes.ts';
import { extendOfferHold, lockEntry } from './waitlist.repo.ts';
import { loadEntryForStudent } from './waitlist-entry-view.ts';

export type ClaimOfferDeps = Pick<
  BookingsDeps,
  'db' | 'env' | 'bus' | 'logger' | 'now' | 'wakeOutbox' | 'payments'
>;

/** Stripe keeps a checkout open at most 24 hours; the margin covers the request's travel time. */
const CHECKOUT_MAX_MS = 23 * 3_600_000;

/**
 * The student takes the seat held for them. Free: the held booking is confirmed (with the usual
 * BOOKING_CREATED and e-mails). Paid: Stripe Checkout opens on it, and the hold runs at least as
 * long as a booking's checkout (Stripe's minimum), so claiming late in the window still works.
 * Answers as POST /api/v1/public/bookings does; claiming again answers the same booking.
 */
export async function claimOffer(deps: ClaimOfferDeps, input: { uid: string; token: string }) {
  const found = await loadEntryForStudent(deps, input.uid, input.token);
  const now = deps.now();
  const tenantId = found.tenantId;
  const decided = await deps.db.transaction(async (tx) => {
    // The booking before the entry, in the order the sweeper and the webhook lock them (the
    // booking's status trigger then updates the entry), so a claim at the deadline cannot deadlock.
    if (found.bookingId !== null) await lockBooking(tx, tenantId, found.bookingId);
    const entry = (await lockEntry(tx, tenantId, { uid: found.uid }))!;
    if (entry.status === 'waiting') throw new AppError('CONFLICT', 'No seat has been offered to you yet');
    if (entry.status === 'left') throw new AppError('GONE', 'You left this waitlist');
    const booking = entry.bookingId === null ? undefined : await lockBooking(tx, tenantId, entry.bookingId);
    if (!booking || entry.status === 'expired') throw new AppError('GONE', 'This offer has expired');
    if (booking.status === 'accepted') return { booking, checkout: null, settled: true } as const;
    if (booking.status !== 'pending' || (booking.holdExpiresAt && booking.holdExpiresAt <= now)) {
      throw new AppError('GONE', 'This offer has expired');
    }
    if (booking.amountCents <= 0) {
      await acceptBooking(tx, tenantId, booking.id, { paid: false, now });
      const ctx = await loadNotifyContext(deps, tx, tenantId, booking.workshopId);
      await writeMessages(
        tx,
        tenantId,
        booking.id,
        bookingConfirmedMessages(
          ctx,
          { ...booking, status: 'accepted', paid: false },
          { stripePaymentId: null },
        ),
      );
      return {
        booking: { ...booking, status: 'accepted' as const },
        checkout: null,
        settled: false,
      } as const;
    }
    if (booking.stripeCheckoutSessionId && booking.checkoutUrl) {
      return { booking, checkout: { url: booking.checkoutUrl }, settled: true } as const;
    }
    const until = new Date(
      Math.min(
        Math.max(booking.holdExpiresAt?.getTime() ?? 0, holdExpiry(now).getTime()),
        now.getTime() + CHECKOUT_MAX_MS,
      ),
    );
    await extendOfferHold(tx, { tenantId, entryId: entry.id, bookingId: booking.id }, until, now);
    return { booking: { ...booking, holdExpiresAt: until }, checkout: undefined, settled: false } as const;
  });
  const { booking } = decided;
  if (booking.status === 'accepted' && !decided.settled) await announceSeatChanges(deps, [tenantId], true);
  const checkoutUrl =
    decided.checkout === undefined ? await openCheckout(deps, booking) : decided.checkout?.url;
  const link = manageUrl(deps.env, booking.uid);
  const view = {
    uid: booking.uid,
    title: booking.title,
    startTime: booking.startTime,
    endTime: booking.endTime,
    paid: false,
    status: booking.status === 'accepted' ? ('accepted' as const) : ('pending' as const),
  };
  if (!checkoutUrl) return { booking: view, payment: null, manageUrl: link };
  return {
    booking: view,
    payment: {
      checkoutUrl,
      amount: booking.amountCents,
      currency: booking.currency,
      expiresAt: booking.holdExpiresAt!,
    },
    manageUrl: link,
  };
}

/**
 * The Stripe checkout for the held seat. If Stripe cannot be reached the offer stays as it is
 * (unlike a new booking's hold, it is not given up): the student may try again until it ends.
 */
async function openCheckout(deps: ClaimOfferDeps, booking: BookingRow): Promise<string> {
  const tenant = await findTenant(deps.db, { id: booking.tenantId });
  if (!tenant || !deps.payments.available || !tenant.stripeAccountId) {
    throw new AppError('STRIPE_NOT_CONFIGURED', `${tenant?.name ?? 'The school'} cannot take payments yet`);
  }
  let checkout: { id: string; url: string };
  try {
    checkout = await deps.payments.createCheckout(
      bookingCheckoutInput({
        tenant,
        plan: PLANS[tenant.plan],
        booking,
        expiresAt: booking.holdExpiresAt!,
        manageUrl: manageUrl(deps.env, booking.uid),
      }),
    );
  } catch (error) {
    deps.logger.warn({ err: error, bookingUid: booking.uid }, 'Stripe checkout for a waitlist offer failed');
    throw checkoutFailed(error);
  }
  await setCheckout(deps.db, booking.tenantId, booking.id, checkout);
  return checkout.url;
}
