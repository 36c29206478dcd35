import { escapeHtml } from '../../lib/html.ts';
import { formatMoney } from '../../lib/money.ts';
import { webUrl } from '../../lib/web-url.ts';
import { LOCATION_KIND_NAMES } from '../bookings/emails/email-format.ts';
import type { LocationType } from '../bookings/emails/email-types.ts';
import { hours } from '../bookings/policy.ts';
import type { ManagedBooking, RefundShown } from './managed-booking.ts';

// The manage page's wording: where, the policy, and what cancelling means for the money.

/** A pending booking whose hold ended, before the sweeper has released it. */
export function holdLapsed(view: ManagedBooking, now: Date): boolean {
  const expiresAt = view.payment?.expiresAt;
  return !!expiresAt && expiresAt.getTime() <= now.getTime();
}

export function paymentStatusText(status: string): string {
  if (status === 'paid') return 'paid';
  if (status === 'awaiting_payment') return 'awaiting payment';
  return 'not paid';
}

/** Where, as the service reveals it: the link or address once confirmed, a label before. */
export function whereHtml(status: string, location: ManagedBooking['workshop']['location']): string {
  if (!location.value) return '';
  if (status !== 'accepted') return escapeHtml(location.value);
  const label = LOCATION_KIND_NAMES[location.type as LocationType] ?? 'Online';
  if (location.type === 'in_person') return `${label}: ${multiline(location.value)}`;
  const url = webUrl(location.value);
  return url
    ? `${label}: <a href="${escapeHtml(url)}" rel="noreferrer">${escapeHtml(url)}</a>`
    : `${label}: ${escapeHtml(location.value)}`;
}

export function policyHtml(view: ManagedBooking, price: string | null, at: (date: Date) => string): string {
  const { tenant, cancellation } = view;
  const { deadline, refundDeadline, policy } = cancellation;
  const notice =
    policy.cancellationNoticeHours === 0
      ? 'until the session starts'
      : `until ${hours(policy.cancellationNoticeHours)} before the start`;
  const lines = [
    cancellation.allowed
      ? `You can cancel online ${notice}: by ${at(deadline)}.`
      : `Bookings can be cancelled online ${notice}, so online cancellation closed at ${at(deadline)}. If you cannot attend, please contact ${escapeHtml(tenant.name)}.`,
  ];
  if (view.pass) {
    lines.push(
      refundDeadline.getTime() >= deadline.getTime()
        ? 'A booking cancelled online gives its class back to your pass.'
        : `Cancellations by ${at(refundDeadline)} (${hours(policy.refundWindowHours)} before the start) give the class back to your pass; later ones do not.`,
    );
  } else if (price) {
    lines.push(
      refundDeadline.getTime() >= deadline.getTime()
        ? `A booking cancelled online is refunded in full (${escapeHtml(price)}).`
        : `Cancellations by ${at(refundDeadline)} (${hours(policy.refundWindowHours)} before the start) are refunded in full (${escapeHtml(price)}); later ones are not refunded.`,
    );
  }
  return lines.map((line) => `<p>${line}</p>`).join('');
}

/** What cancelling now would mean for the money, said before the student confirms. */
export function cancelOutcomeText(view: ManagedBooking, at: (date: Date) => string): string {
  const { payment, cancellation } = view;
  if (view.pass) {
    return cancellation.refundEligible
      ? `If you cancel now, the class goes back on your pass "${escapeHtml(view.pass.name)}".`
      : `The refund deadline (${at(cancellation.refundDeadline)}) has passed: if you cancel now, the class is not given back to your pass.`;
  }
  if (!payment) return 'This booking is free: there was no payment, so there is nothing to refund.';
  const amount = escapeHtml(formatMoney(payment.amount, payment.currency));
  if (cancellation.refundEligible) {
    const refund = escapeHtml(formatMoney(cancellation.refundAmount, payment.currency));
    return `If you cancel now, you will get a full refund of ${refund} to your original payment method.`;
  }
  if (payment.status === 'paid') {
    return `The refund deadline (${at(cancellation.refundDeadline)}) has passed: if you cancel now, the ${amount} you paid will not be refunded.`;
  }
  return "You haven't paid, so there is nothing to refund: cancelling releases your seat.";
}

/** The refund outcome after the student's own cancellation (passed on by its redirect). */
export function cancelledRefundText(view: ManagedBooking, refund: RefundShown | undefined): string {
  const { payment, tenant } = view;
  if (view.pass) {
    return view.pass.returned
      ? `The class has been given back to your pass "${escapeHtml(view.pass.name)}".`
      : 'It was cancelled after the refund deadline, so the class is not given back to your pass.';
  }
  if (!payment) return 'It was free, so there is nothing to refund.';
  const amount = escapeHtml(formatMoney(payment.amount, payment.currency));
  const bank = 'Depending on your bank, it can take 5–10 business days to show on your statement.';
  switch (refund) {
    case 'completed':
      return `We have refunded ${amount} to your original payment method. ${bank}`;
    case 'pending':
      return `We have started a refund of ${amount} to your original payment method. ${bank}`;
    case 'failed':
      return `Your refund of ${amount} could not be processed automatically; ${escapeHtml(tenant.name)} has been told and will make sure you get your money back.`;
    case 'none':
      return payment.status === 'paid'
        ? `It was cancelled after the refund deadline, so the ${amount} you paid is not refunded.`
        : 'No payment was taken, so there is nothing to refund.';
    default:
      return '';
  }
}

export function time(date: Date, text: string): string {
  return `<time datetime="${escapeHtml(date.toISOString())}">${escapeHtml(text)}</time>`;
}

export function multiline(text: string): string {
  return escapeHtml(text).replace(/\r\n?|\n/g, '<br>');
}
