// What a cancellation gives back, shared by the cancellation itself (bookings.service and
// payments.requestRefund) and the preview staff see before cancelling a session.

/** A cancellation refunds a booking only when it is due and something was paid (a hold is not). */
export function cancellationRefundsPayment(booking: { paid: boolean }, refundDue: boolean): boolean {
  return refundDue && booking.paid;
}

/**
 * How much a new refund of this succeeded payment returns: what is left of it, or nothing while
 * a refund is pending or done (every refund is of the whole remainder).
 */
export function refundableCents(
  payment: { amountCents: number; refundedCents: number; liveRefundId: number | null } | undefined,
): number {
  if (!payment || payment.liveRefundId !== null) return 0;
  return Math.max(0, payment.amountCents - payment.refundedCents);
}
