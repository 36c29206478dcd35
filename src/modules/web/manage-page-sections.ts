import { escapeHtml } from '../../lib/html.ts';
import { type Translator, trustedHtml } from '../../lib/i18n/translator.ts';
import { webUrl } from '../../lib/web-url.ts';
import type { ManagedBooking, RefundShown } from './managed-booking.ts';

// The manage page's wording: where, the policy, and what cancelling means for the money, in the
// page's language (issue 18).

/** A pending booking whose hold ended, before the sweeper has released it. */
export function holdLapsed(view: ManagedBooking, now: Date): boolean {
  const expiresAt = view.payment?.expiresAt;
  return !!expiresAt && expiresAt.getTime() <= now.getTime();
}

export function paymentStatusText(tr: Translator, status: string): string {
  if (status === 'paid') return tr.html('manage.payment.paid');
  if (status === 'awaiting_payment') return tr.html('manage.payment.awaiting');
  return tr.html('manage.payment.unpaid');
}

/** "24 hours", "1 hour" in the page's language. */
export function hoursText(tr: Translator, count: number): string {
  return tr.t('manage.hours', { count });
}

const PLACE_KINDS = new Set(['zoom', 'google_meet', 'in_person', 'link']);

/** Where, as the service reveals it: the link or address once confirmed, a label before. */
export function whereHtml(
  tr: Translator,
  status: string,
  location: ManagedBooking['workshop']['location'],
): string {
  if (!location.value) return '';
  const kind = PLACE_KINDS.has(location.type) ? location.type : 'link';
  // Before a seat is confirmed the service sends only the kind of place (in English): say it here.
  if (status !== 'accepted') return tr.html('manage.where.later', { kind });
  // The colon belongs to the message: French puts a no-break space before it.
  const where = (place: string) =>
    tr.html('manage.where.place', {
      kind: trustedHtml(tr.html('manage.where.kind', { kind })),
      place: trustedHtml(place),
    });
  if (location.type === 'in_person') return where(multiline(location.value));
  const url = webUrl(location.value);
  return where(
    url ? `<a href="${escapeHtml(url)}" rel="noreferrer">${escapeHtml(url)}</a>` : escapeHtml(location.value),
  );
}

export function policyHtml(
  tr: Translator,
  view: ManagedBooking,
  price: string | null,
  at: (date: Date) => string,
): string {
  const { tenant, cancellation } = view;
  const { deadline, refundDeadline, policy } = cancellation;
  const notice = tr.t('manage.policy.notice', {
    hours: hoursText(tr, policy.cancellationNoticeHours),
    atStart: policy.cancellationNoticeHours === 0 ? 'yes' : 'no',
  });
  const deadlineAt = trustedHtml(at(deadline));
  const lines = [
    cancellation.allowed
      ? tr.html('manage.policy.canCancel', { notice, deadline: deadlineAt })
      : tr.html('manage.policy.closed', { notice, deadline: deadlineAt, school: tenant.name }),
  ];
  const window = {
    deadline: trustedHtml(at(refundDeadline)),
    hours: hoursText(tr, policy.refundWindowHours),
  };
  if (view.pass) {
    lines.push(
      refundDeadline.getTime() >= deadline.getTime()
        ? tr.html('manage.policy.passAlways')
        : tr.html('manage.policy.passWindow', window),
    );
  } else if (price) {
    lines.push(
      refundDeadline.getTime() >= deadline.getTime()
        ? tr.html('manage.policy.refundAlways', { price })
        : tr.html('manage.policy.refundWindow', { ...window, price }),
    );
  }
  return lines.map((line) => `<p>${line}</p>`).join('');
}

/** What cancelling now would mean for the money, said before the student confirms. */
export function cancelOutcomeText(tr: Translator, view: ManagedBooking, at: (date: Date) => string): string {
  const { payment, cancellation } = view;
  const deadline = trustedHtml(at(cancellation.refundDeadline));
  if (view.pass) {
    return cancellation.refundEligible
      ? tr.html('manage.outcome.passBack', { pass: view.pass.name })
      : tr.html('manage.outcome.passKept', { deadline });
  }
  if (!payment) return tr.html('manage.outcome.free');
  const amount = tr.money(payment.amount, payment.currency);
  if (cancellation.refundEligible) {
    return tr.html('manage.outcome.refund', {
      amount: tr.money(cancellation.refundAmount, payment.currency),
    });
  }
  if (payment.status === 'paid') return tr.html('manage.outcome.noRefund', { deadline, amount });
  return tr.html('manage.outcome.unpaid');
}

/** The refund outcome after the student's own cancellation (passed on by its redirect). */
export function cancelledRefundText(
  tr: Translator,
  view: ManagedBooking,
  refund: RefundShown | undefined,
): string {
  const { payment, tenant } = view;
  if (view.pass) {
    return view.pass.returned
      ? tr.html('manage.refund.passReturned', { pass: view.pass.name })
      : tr.html('manage.refund.passKept');
  }
  if (!payment) return tr.html('manage.refund.free');
  const amount = tr.money(payment.amount, payment.currency);
  const bank = tr.html('manage.refund.bankDelay');
  switch (refund) {
    case 'completed':
      return `${tr.html('manage.refund.completed', { amount })} ${bank}`;
    case 'pending':
      return `${tr.html('manage.refund.pending', { amount })} ${bank}`;
    case 'failed':
      return tr.html('manage.refund.failed', { amount, school: tenant.name });
    case 'none':
      return payment.status === 'paid'
        ? tr.html('manage.refund.late', { amount })
        : tr.html('manage.refund.unpaid');
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
