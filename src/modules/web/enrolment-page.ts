import { escapeHtml } from '../../lib/html.ts';
import { formatMoney } from '../../lib/money.ts';
import { webUrl } from '../../lib/web-url.ts';
import { formatDateTime, formatRange } from '../bookings/emails/email-format.ts';
import type { EnrolmentView } from '../bookings/enrolments/enrolments.service.ts';
import { hours } from '../bookings/policy.ts';
import type { RenderedPage } from './layout.ts';
import { type Brand, MAX_REASON, managePage } from './manage-page.ts';
import { multiline, paymentStatusText, time, whereHtml } from './manage-page-sections.ts';
import type { RefundShown } from './managed-booking.ts';

// The page an enrolment's manage link opens (`/enrolments/<uid>?token=…`, also where Stripe
// Checkout returns): the course, every session with its state, the policy, and one cancel form
// for the whole enrolment. Plain HTML, no script, in the school's colours.

export interface EnrolmentShown {
  token: string;
  now: Date;
  checkout?: 'success' | 'cancelled' | undefined;
  justEnrolled?: boolean;
  justCancelled?: boolean;
  refund?: RefundShown | undefined;
  error?: string;
  reason?: string;
}

export function enrolmentPath(uid: string, token: string): string {
  return `/enrolments/${uid}?token=${encodeURIComponent(token)}`;
}

export const ENROLMENT_NOT_FOUND = managePage(
  'Enrolment not found',
  undefined,
  `<h1>Enrolment not found</h1><p class="error">We couldn't find this enrolment. Please open the link from your enrolment e-mail again, exactly as it was sent.</p>`,
);

const STATUS_HEADINGS: Record<string, string> = {
  accepted: 'Enrolled',
  pending: 'Awaiting payment',
  cancelled: 'Cancelled',
  expired: 'Not enrolled',
};

const SESSION_STATES: Record<string, string> = {
  accepted: 'Booked',
  pending: 'Held until paid',
  cancelled: 'Cancelled',
  expired: 'Released',
  failed: 'Not booked',
};

export function renderEnrolmentPage(view: EnrolmentView, brand: Brand, shown: EnrolmentShown): RenderedPage {
  const { enrolment, workshop, payment, cancellation } = view;
  const zone = enrolment.attendee.timeZone;
  const at = (date: Date) => time(date, formatDateTime(date, zone));
  const money = (cents: number) => escapeHtml(formatMoney(cents, enrolment.currency));
  const live = enrolment.status === 'accepted' || enrolment.status === 'pending';
  const workshopUrl = webUrl(workshop.bookingUrl);

  const notices: string[] = [];
  if (shown.error) notices.push(`<p class="error" role="alert">${escapeHtml(shown.error)}</p>`);
  if (shown.justEnrolled && enrolment.status === 'accepted') {
    notices.push(
      `<p class="alert alert-ok" role="status"><strong>You're enrolled!</strong> A confirmation e-mail with every session is on its way to ${escapeHtml(enrolment.attendee.email)}.</p>`,
    );
  }
  if (shown.justCancelled && enrolment.status === 'cancelled') {
    notices.push(
      `<p class="alert alert-ok" role="status"><strong>Your enrolment is cancelled.</strong> ${payment ? refundNotice(shown.refund) : 'It was free, so there is nothing to refund.'}</p>`,
    );
  }
  if (shown.checkout === 'success' && enrolment.status === 'accepted') {
    notices.push(
      '<p class="alert alert-ok" role="status"><strong>Payment received — your confirmation is on its way.</strong></p>',
    );
  } else if (shown.checkout === 'success' && enrolment.status === 'pending') {
    notices.push(
      `<p class="alert alert-info" role="status"><strong>We're confirming your payment…</strong> This usually takes a few seconds. <a href="${escapeHtml(enrolmentPath(enrolment.uid, shown.token))}&amp;checkout=success">Check again</a></p>`,
    );
  } else if (shown.checkout === 'cancelled' && enrolment.status !== 'accepted') {
    notices.push(
      '<p class="alert alert-info" role="status"><strong>Payment cancelled.</strong> You have not been charged.</p>',
    );
  }

  const first = view.sessions[0];
  const details: Array<[string, string]> = [
    ['Teacher', escapeHtml(workshop.teacher.name)],
    [
      'Sessions',
      enrolment.courseSessions > enrolment.sessionCount
        ? `${enrolment.sessionCount} (the remaining ones of the course's ${enrolment.courseSessions})`
        : String(enrolment.sessionCount),
    ],
  ];
  if (live && first) {
    const where = whereHtml(enrolment.status, workshop.location);
    if (where) details.push(['Where', where]);
  }
  details.push([
    'Enrolled',
    `${escapeHtml(enrolment.attendee.name)} (${escapeHtml(enrolment.attendee.email)})`,
  ]);
  details.push([
    'Price',
    payment ? `${money(payment.amount)} — ${paymentStatusText(payment.status)}` : 'Free',
  ]);
  details.push(['Enrolment reference', escapeHtml(enrolment.uid)]);

  const sections = [
    `<h1>${escapeHtml(workshop.title)}</h1>`,
    ...notices,
    `<section class="card"><h2>Status: ${escapeHtml(STATUS_HEADINGS[enrolment.status] ?? enrolment.status)}</h2>
${statusHtml(view, at)}
<dl class="details">${details.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join('')}</dl></section>`,
    `<section class="card"><h2>Your sessions</h2><ol class="sessions">${view.sessions
      .map((s) => {
        const when = time(s.startTime, formatRange(s.startTime, s.endTime, zone));
        const refund = s.refund
          ? ` · refund ${money(s.refund.amount)} ${s.refund.status === 'completed' ? 'made' : escapeHtml(s.refund.status)}`
          : '';
        return `<li>${when} — ${escapeHtml(SESSION_STATES[s.status] ?? s.status)}${refund}</li>`;
      })
      .join('')}</ol></section>`,
  ];
  if (live) sections.push(`<section class="card"><h2>Cancellation policy</h2>${policyHtml(view)}</section>`);
  if (cancellation.allowed) {
    const byUid = new Map(view.sessions.map((s) => [s.uid, s]));
    const kept = cancellation.sessionsKept.map((uid) => byUid.get(uid)!).filter(Boolean);
    const count = cancellation.sessionsCancelled.length;
    const keptText =
      kept.length === 0
        ? ''
        : ` ${kept.length === 1 ? 'One session is' : `${kept.length} sessions are`} too close to cancel online and will stay booked: ${kept.map((s) => at(s.startTime)).join(', ')}.`;
    const refundText =
      cancellation.refundAmount > 0
        ? ` You will get ${money(cancellation.refundAmount)} back to your original payment method.`
        : payment?.status === 'paid'
          ? ' Nothing is refunded: the sessions it cancels are past their refund deadlines.'
          : '';
    sections.push(
      `<section class="card"><h2>Cancel this enrolment</h2>
<p>Cancelling now cancels ${count === 1 ? '1 session' : `${count} sessions`}.${keptText}${refundText} Cancelling cannot be undone.</p>
<form method="post" action="/enrolments/${escapeHtml(enrolment.uid)}/cancel">
<input type="hidden" name="token" value="${escapeHtml(shown.token)}">
<div class="field"><label for="reason">Reason for cancelling (optional)</label>
<textarea id="reason" name="reason" rows="3" maxlength="${MAX_REASON}">${escapeHtml(shown.reason ?? '')}</textarea></div>
<button class="btn btn-danger" type="submit">Cancel my enrolment</button>
</form></section>`,
    );
  }
  if (workshopUrl) {
    sections.push(
      `<p><a href="${escapeHtml(workshopUrl)}">View the class page</a> of ${escapeHtml(workshop.title)}.</p>`,
    );
  }
  return managePage(`${workshop.title} — your enrolment`, brand, sections.join('\n'));
}

function statusHtml(view: EnrolmentView, at: (date: Date) => string): string {
  const { enrolment, payment, tenant } = view;
  switch (enrolment.status) {
    case 'accepted':
      return '<p>Your seat in every session below is confirmed.</p>';
    case 'pending': {
      const expiresAt = payment?.expiresAt ?? null;
      const held = expiresAt ? ` Your seats are held until ${at(expiresAt)}.` : '';
      const checkoutUrl = payment?.checkoutUrl ? webUrl(payment.checkoutUrl) : null;
      const pay = checkoutUrl
        ? `<p class="pay"><a href="${escapeHtml(checkoutUrl)}">Pay now</a></p>`
        : '<p>The payment page is being prepared: reload this page in a moment.</p>';
      return `<p>Your enrolment is confirmed once you have paid.${held}</p>${pay}`;
    }
    case 'cancelled': {
      const by =
        enrolment.cancelledBy === 'student'
          ? ' by you'
          : enrolment.cancelledBy === 'teacher'
            ? ' by your teacher'
            : enrolment.cancelledBy === 'admin'
              ? ` by ${escapeHtml(tenant.name)}`
              : '';
      const when = enrolment.cancelledAt ? ` on ${at(enrolment.cancelledAt)}` : '';
      const reason = enrolment.cancellationReason
        ? `<p>Reason given: ${multiline(enrolment.cancellationReason)}</p>`
        : '';
      return `<p>This enrolment was cancelled${when}${by}.</p>${reason}`;
    }
    default:
      return "<p>The payment wasn't completed, so the seats were released. You have not been charged.</p>";
  }
}

function policyHtml(view: EnrolmentView): string {
  const { policy } = view.cancellation;
  const notice =
    policy.cancellationNoticeHours === 0
      ? 'every session that has not started'
      : `every session more than ${hours(policy.cancellationNoticeHours)} away`;
  const lines = [`Cancelling your enrolment online cancels ${notice}; sooner and past sessions stay.`];
  if (view.payment) {
    lines.push(
      policy.refundWindowHours <= policy.cancellationNoticeHours
        ? 'Each session it cancels is refunded: its share of what you paid.'
        : `Each session cancelled at least ${hours(policy.refundWindowHours)} before it starts is refunded its share of what you paid; later ones are not refunded.`,
    );
  }
  return lines.map((line) => `<p>${line}</p>`).join('');
}

function refundNotice(refund: RefundShown | undefined): string {
  const bank = 'Depending on your bank, it can take 5–10 business days to show on your statement.';
  switch (refund) {
    case 'completed':
      return `We have refunded what is due to your original payment method. ${bank}`;
    case 'pending':
      return `We have started your refund. ${bank}`;
    case 'failed':
      return 'Your refund could not be processed automatically; the school has been told and will make sure you get your money back.';
    default:
      return 'Nothing was refunded.';
  }
}
