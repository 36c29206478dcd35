// What a cancellation gives back, shared by the cancellation itself (bookings.service and
// payments.requestRefund) and the preview staff see before cancelling a session.

/** A cancellation refunds a booking only when it is due and something was paid (a hold is not). */
export function cancellationRefundsPayment(booking: { paid: boolean }, refundDue: boolean): boolean {
  return refundDue && booking.paid;
}

/**
 * How much a new refund of this succeeded payment returns for the booking: what is left of it,
 * or, for one occurrence of a series paid at once, that occurrence's price (at most what is
 * left); nothing while the booking's refund is pending or done. `whole` refunds everything left
 * of a series' payment (a late payment for seats that were gone).
 */
export function refundableCents(
  payment:
    | {
        amountCents: number;
        refundedCents: number;
        liveRefundId: number | null;
        pendingCents?: number;
        shareCents?: number | null;
      }
    | undefined,
  options: { whole?: boolean } = {},
): number {
  if (!payment || payment.liveRefundId !== null) return 0;
  const left = payment.amountCents - payment.refundedCents - (payment.pendingCents ?? 0);
  const share = payment.shareCents ?? null;
  return Math.max(0, share === null || options.whole ? left : Math.min(share, left));
}
