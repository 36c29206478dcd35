import { findTenant } from '../../tenants/tenant-lookup.ts';
import { lockBooking } from '../bookings.repo.ts';
import type { ExpireCheckoutJobPayload } from './payment-jobs.ts';
import { type PaymentsContext, requireGateway } from './payments-deps.ts';
import { isPermanentStripeError } from './stripe-gateway.ts';

/** The outbox handler that closes the Stripe checkout of a hold that ended on our side. */
export async function expireCheckoutHandler(
  deps: Pick<PaymentsContext, 'db' | 'gateway'>,
  { bookingId }: ExpireCheckoutJobPayload,
  ctx: { tenantId: number | null },
) {
  if (ctx.tenantId === null) return;
  const booking = await lockBooking(deps.db, ctx.tenantId, bookingId);
  if (!booking?.stripeCheckoutSessionId || booking.status === 'pending' || booking.status === 'accepted')
    return;
  const tenant = await findTenant(deps.db, { id: ctx.tenantId });
  try {
    await requireGateway(deps).stripe.checkout.sessions.expire(
      booking.stripeCheckoutSessionId,
      {},
      tenant?.stripeAccountId ? { stripeAccount: tenant.stripeAccountId } : {},
    );
  } catch (error) {
    // Already expired or completed (a completed one arrives as a late payment): nothing to do.
    if (isPermanentStripeError(error)) return;
    throw error;
  }
}
