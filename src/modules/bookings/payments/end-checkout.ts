import type Stripe from 'stripe';
import { endBooking, lockCheckoutBookings } from '../bookings.repo.ts';
import { announceSeatChanges } from '../seat-changes.ts';
import type { PaymentsContext } from './payments-deps.ts';

/** A checkout that ended unpaid: the held seat (every held seat of a series) goes back. */
export async function endCheckout(
  deps: Pick<PaymentsContext, 'db' | 'bus' | 'now' | 'wakeOutbox'>,
  session: Stripe.Checkout.Session,
  status: 'expired' | 'failed',
): Promise<string> {
  const now = deps.now();
  const tenantId = await deps.db.transaction(async (tx) => {
    const held = (await lockCheckoutBookings(tx, session.id)).filter((b) => b.status === 'pending');
    for (const booking of held) await endBooking(tx, booking.tenantId, booking.id, { status, now });
    return held[0]?.tenantId;
  });
  if (tenantId === undefined) return 'ignored: no held booking';
  await announceSeatChanges(deps, [tenantId], true);
  return status;
}
