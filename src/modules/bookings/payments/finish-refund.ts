import { writeMessages } from '../booking-messages.repo.ts';
import { loadNotifyContext } from '../booking-notify-context.ts';
import { type BookingRow, lockBooking } from '../bookings.repo.ts';
import type { RefundOutcome } from '../events.ts';
import {
  bookingCancelledMessages,
  lateRefundMessages,
  type NotifyContext,
  refundIssuedMessages,
} from '../notifications.ts';
import { cancellationTerms } from '../policy.ts';
import type { PaymentsContext } from './payments-deps.ts';
import { completeRefund, failRefund, type RefundJob } from './refunds.repo.ts';

export type FinishRefundDeps = Pick<PaymentsContext, 'db' | 'env' | 'now' | 'wakeOutbox'>;

type RefundResult = { ok: true; stripeRefundId: string } | { ok: false; message: string };

/** Records Stripe's answer on a pending refund once, with the notices it sends, in one transaction. */
export async function finishRefund(deps: FinishRefundDeps, job: RefundJob, result: RefundResult) {
  const now = deps.now();
  const changed = await deps.db.transaction(async (tx) => {
    const done = result.ok
      ? await completeRefund(tx, job.tenantId, job.id, result.stripeRefundId, now)
      : await failRefund(tx, job.tenantId, job.id, result.message, now);
    if (!done) return false;
    const booking = await lockBooking(tx, job.tenantId, job.bookingId);
    if (!booking) return true;
    const ctx = await loadNotifyContext(deps, tx, job.tenantId, booking.workshopId);
    const refund: RefundOutcome = {
      eligible: true,
      withinWindow: withinWindow(deps, booking, ctx),
      status: result.ok ? 'completed' : 'failed',
      amount: job.amountCents,
      currency: job.currency,
      stripeRefundId: result.ok ? result.stripeRefundId : null,
    };
    await writeMessages(tx, job.tenantId, booking.id, refundMessages(ctx, job, booking, refund, now));
    return true;
  });
  if (changed) deps.wakeOutbox();
}

/** What a finished refund tells people, by why it was made. */
function refundMessages(
  ctx: NotifyContext,
  job: RefundJob,
  booking: BookingRow,
  refund: RefundOutcome,
  now: Date,
) {
  if (job.reason === 'late_payment') {
    return refund.status === 'completed'
      ? lateRefundMessages(ctx, booking, { amount: job.amountCents, currency: job.currency })
      : [];
  }
  if (job.reason === 'admin') return refundIssuedMessages(ctx, booking, refund);
  return bookingCancelledMessages(
    ctx,
    { ...booking, cancelledAt: booking.cancelledAt ?? now },
    {
      by: (booking.cancelledBy as 'student' | 'teacher' | 'admin' | null) ?? 'admin',
      reason: booking.cancellationReason,
      refund,
      ...(job.reason === 'enrolment_cancelled' && { emails: false }),
    },
  );
}

function withinWindow(deps: { now: () => Date }, booking: BookingRow, ctx: NotifyContext): boolean {
  const at = booking.cancelledAt ?? deps.now();
  return cancellationTerms(at, booking.startTime, ctx.workshop, booking.freeCancelUntil).withinRefundWindow;
}
