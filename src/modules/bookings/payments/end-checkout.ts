import type Stripe from 'stripe';
import { endBooking, lockBookingByCheckout } from '../bookings.repo.ts';
import { announceSeatChanges } from '../seat-changes.ts';
import type { PaymentsContext } from './payments-deps.ts';

/** A checkout that ended unpaid: the held seat goes back. */
export async function endCheckout(
  deps: Pick<PaymentsContext, 'db' | 'bus' | 'now' | 'wakeOutbox'>,
  session: Stripe.Checkout.Session,
  status: 'expired' | 'failed',
): Promise<string> {
  const now = deps.now();
  const tenantId = await deps.db.transaction(async (tx) => {
    const booking = await lockBookingByCheckout(tx, session.id);
    if (booking?.status !== 'pending') return undefined;
    await endBooking(tx, booking.tenantId, booking.id, { status, now });
    return booking.tenantId;
  });
  if (tenantId === undefined) return 'ignored: no held booking';
  await announceSeatChanges(deps, [tenantId], true);
  return status;
}
