import { escapeHtml } from '../../lib/html.ts';
import { type Translator, trustedHtml } from '../../lib/i18n/translator.ts';
import { webUrl } from '../../lib/web-url.ts';
import type { EnrolmentView } from '../bookings/enrolments/enrolments.service.ts';
import type { RenderedPage } from './layout.ts';
import { type Brand, checkoutNotice, MAX_REASON, managePage } from './manage-page.ts';
import { hoursText, multiline, paymentStatusText, time, whereHtml } from './manage-page-sections.ts';
import type { RefundShown } from './managed-booking.ts';
import { ENGLISH_PAGE, type PageError, type PrivateLanguage, perLanguage } from './private-page.ts';

// The page an enrolment's manage link opens (`/enrolments/<uid>?token=…`, also where Stripe
// Checkout returns): the course, every session with its state, the policy, and one cancel form
// for the whole enrolment. Plain HTML, no script, in the school's colours and the student's language.

export interface EnrolmentShown {
  token: string;
  now: Date;
  checkout?: 'success' | 'cancelled' | undefined;
  justEnrolled?: boolean;
  justCancelled?: boolean;
  refund?: RefundShown | undefined;
  error?: PageError | undefined;
  reason?: string;
}

export function enrolmentPath(uid: string, token: string): string {
  return `/enrolments/${uid}?token=${encodeURIComponent(token)}`;
}

export const enrolmentNotFoundPage = perLanguage((language) => {
  const { tr } = language;
  return managePage(
    tr.t('enrolmentPage.notFound.title'),
    undefined,
    `<h1>${tr.html('enrolmentPage.notFound.title')}</h1><p class="error">${tr.html('enrolmentPage.notFound.body')}</p>`,
    language,
  );
});

const STATUS_KEYS = {
  accepted: 'enrolmentPage.status.accepted',
  pending: 'manage.status.pending',
  cancelled: 'manage.status.cancelled',
  expired: 'enrolmentPage.status.expired',
} as const;

const SESSION_KEYS = {
  accepted: 'enrolmentPage.session.accepted',
  pending: 'enrolmentPage.session.pending',
  cancelled: 'manage.status.cancelled',
  expired: 'enrolmentPage.session.expired',
  failed: 'manage.status.failed',
} as const;

export function renderEnrolmentPage(
  view: EnrolmentView,
  brand: Brand,
  shown: EnrolmentShown,
  language: PrivateLanguage = ENGLISH_PAGE,
): RenderedPage {
  const { tr } = language;
  const { enrolment, workshop, payment, cancellation } = view;
  const zone = enrolment.attendee.timeZone;
  const at = (date: Date) => time(date, tr.dateTime(date, zone));
  const money = (cents: number) => escapeHtml(tr.money(cents, enrolment.currency));
  const live = enrolment.status === 'accepted' || enrolment.status === 'pending';
  const workshopUrl = webUrl(workshop.bookingUrl);
  const email = enrolment.attendee.email;

  const notices: string[] = [];
  if (shown.error) notices.push(`<p class="error" role="alert">${escapeHtml(shown.error(tr))}</p>`);
  if (shown.justEnrolled && enrolment.status === 'accepted') {
    notices.push(
      `<p class="alert alert-ok" role="status"><strong>${tr.html('enrolmentPage.justEnrolled.title')}</strong> ${tr.html('enrolmentPage.justEnrolled.body', { email })}</p>`,
    );
  }
  if (shown.justCancelled && enrolment.status === 'cancelled') {
    notices.push(
      `<p class="alert alert-ok" role="status"><strong>${tr.html('enrolmentPage.justCancelled')}</strong> ${payment ? refundNotice(tr, shown.refund) : tr.html('manage.refund.free')}</p>`,
    );
  }
  if (shown.checkout === 'cancelled' && enrolment.status !== 'accepted') {
    notices.push(
      `<p class="alert alert-info" role="status"><strong>${tr.html('manage.checkout.cancelled')}</strong> ${tr.html('manage.checkout.notCharged')}</p>`,
    );
  } else {
    notices.push(
      checkoutNotice(language, {
        checkout: shown.checkout,
        status: enrolment.status,
        checkAgainPath: enrolmentPath(enrolment.uid, shown.token),
      }),
    );
  }

  const first = view.sessions[0];
  const details: Array<[string, string]> = [
    [tr.html('manage.detail.teacher'), escapeHtml(workshop.teacher.name)],
    [
      tr.html('enrolmentPage.detail.sessions'),
      enrolment.courseSessions > enrolment.sessionCount
        ? tr.html('enrolmentPage.remaining', {
            count: enrolment.sessionCount,
            total: enrolment.courseSessions,
          })
        : escapeHtml(tr.number(enrolment.sessionCount)),
    ],
  ];
  if (live && first) {
    const where = whereHtml(tr, enrolment.status, workshop.location);
    if (where) details.push([tr.html('manage.detail.where'), where]);
  }
  details.push([
    tr.html('enrolmentPage.detail.enrolled'),
    `${escapeHtml(enrolment.attendee.name)} (${escapeHtml(email)})`,
  ]);
  details.push([
    tr.html('manage.detail.price'),
    payment ? `${money(payment.amount)} — ${paymentStatusText(tr, payment.status)}` : tr.html('common.free'),
  ]);
  details.push([tr.html('enrolmentPage.detail.reference'), escapeHtml(enrolment.uid)]);

  const statusKey = STATUS_KEYS[enrolment.status as keyof typeof STATUS_KEYS];
  const sections = [
    `<h1>${escapeHtml(workshop.title)}</h1>`,
    ...notices.filter(Boolean),
    `<section class="card"><h2>${tr.html('manage.statusHeading', { status: statusKey ? tr.t(statusKey) : enrolment.status })}</h2>
${statusHtml(view, at, tr)}
<dl class="details">${details.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join('')}</dl></section>`,
    `<section class="card"><h2>${tr.html('enrolmentPage.sessions')}</h2><ol class="sessions">${view.sessions
      .map((s) => {
        const when = time(s.startTime, tr.range(s.startTime, s.endTime, zone));
        const refund = s.refund
          ? ` · ${tr.html('enrolmentPage.sessionRefund', {
              amount: tr.money(s.refund.amount, enrolment.currency),
              state:
                s.refund.status === 'completed'
                  ? 'completed'
                  : s.refund.status === 'failed'
                    ? 'failed'
                    : 'pending',
            })}`
          : '';
        const key = SESSION_KEYS[s.status as keyof typeof SESSION_KEYS];
        return `<li>${when} — ${key ? tr.html(key) : escapeHtml(s.status)}${refund}</li>`;
      })
      .join('')}</ol></section>`,
  ];
  if (live) {
    sections.push(
      `<section class="card"><h2>${tr.html('manage.policy.heading')}</h2>${policyHtml(view, tr)}</section>`,
    );
  }
  if (cancellation.allowed) {
    const byUid = new Map(view.sessions.map((s) => [s.uid, s]));
    const kept = cancellation.sessionsKept.map((uid) => byUid.get(uid)!).filter(Boolean);
    const count = cancellation.sessionsCancelled.length;
    const keptText =
      kept.length === 0
        ? ''
        : ` ${tr.html('enrolmentPage.cancel.kept', {
            count: kept.length,
            times: trustedHtml(tr.list(kept.map((s) => at(s.startTime)))),
          })}`;
    const refundText =
      cancellation.refundAmount > 0
        ? ` ${tr.html('enrolmentPage.cancel.refund', { amount: tr.money(cancellation.refundAmount, enrolment.currency) })}`
        : payment?.status === 'paid'
          ? ` ${tr.html('enrolmentPage.cancel.noRefund')}`
          : '';
    sections.push(
      `<section class="card"><h2>${tr.html('enrolmentPage.cancel.heading')}</h2>
<p>${tr.html('enrolmentPage.cancel.count', { count })}${keptText}${refundText} ${tr.html('manage.cancel.final')}</p>
<form method="post" action="/enrolments/${escapeHtml(enrolment.uid)}/cancel">
<input type="hidden" name="token" value="${escapeHtml(shown.token)}">
<div class="field"><label for="reason">${tr.html('manage.cancel.reason')}</label>
<textarea id="reason" name="reason" rows="3" maxlength="${MAX_REASON}">${escapeHtml(shown.reason ?? '')}</textarea></div>
<button class="btn btn-danger" type="submit">${tr.html('enrolmentPage.cancel.submit')}</button>
</form></section>`,
    );
  }
  if (workshopUrl) {
    const link = `<a href="${escapeHtml(workshopUrl)}">${tr.html('enrolmentPage.link.class')}</a>`;
    sections.push(
      `<p>${tr.html('manage.link.of', { link: trustedHtml(link), workshop: workshop.title })}</p>`,
    );
  }
  return managePage(
    tr.t('enrolmentPage.title', { title: workshop.title }),
    brand,
    sections.join('\n'),
    language,
  );
}

function statusHtml(view: EnrolmentView, at: (date: Date) => string, tr: Translator): string {
  const { enrolment, payment, tenant } = view;
  switch (enrolment.status) {
    case 'accepted':
      return `<p>${tr.html('enrolmentPage.state.accepted')}</p>`;
    case 'pending': {
      const expiresAt = payment?.expiresAt ?? null;
      const held = expiresAt
        ? ` ${tr.html('enrolmentPage.state.heldUntil', { time: trustedHtml(at(expiresAt)) })}`
        : '';
      const checkoutUrl = payment?.checkoutUrl ? webUrl(payment.checkoutUrl) : null;
      const pay = checkoutUrl
        ? `<p class="pay"><a href="${escapeHtml(checkoutUrl)}">${tr.html('manage.payNow')}</a></p>`
        : `<p>${tr.html('manage.state.preparing')}</p>`;
      return `<p>${tr.html('enrolmentPage.state.pending')}${held}</p>${pay}`;
    }
    case 'cancelled': {
      const by = enrolment.cancelledBy ?? 'other';
      const cancelled = tr.html('enrolmentPage.state.cancelled', {
        by: ['student', 'teacher', 'admin'].includes(by) ? by : 'other',
        school: tenant.name,
        when: enrolment.cancelledAt ? trustedHtml(at(enrolment.cancelledAt)) : '',
        dated: enrolment.cancelledAt ? 'yes' : 'no',
      });
      const reason = enrolment.cancellationReason
        ? `<p>${tr.html('manage.state.reason', { reason: trustedHtml(multiline(enrolment.cancellationReason)) })}</p>`
        : '';
      return `<p>${cancelled}</p>${reason}`;
    }
    default:
      return `<p>${tr.html('enrolmentPage.state.expired')}</p>`;
  }
}

function policyHtml(view: EnrolmentView, tr: Translator): string {
  const { policy } = view.cancellation;
  const lines = [
    tr.html('enrolmentPage.policy.cancel', {
      hours: hoursText(tr, policy.cancellationNoticeHours),
      atStart: policy.cancellationNoticeHours === 0 ? 'yes' : 'no',
    }),
  ];
  if (view.payment) {
    lines.push(
      policy.refundWindowHours <= policy.cancellationNoticeHours
        ? tr.html('enrolmentPage.policy.refundAlways')
        : tr.html('enrolmentPage.policy.refundWindow', { hours: hoursText(tr, policy.refundWindowHours) }),
    );
  }
  return lines.map((line) => `<p>${line}</p>`).join('');
}

function refundNotice(tr: Translator, refund: RefundShown | undefined): string {
  const bank = tr.html('manage.refund.bankDelay');
  switch (refund) {
    case 'completed':
      return `${tr.html('enrolmentPage.refund.completed')} ${bank}`;
    case 'pending':
      return `${tr.html('enrolmentPage.refund.pending')} ${bank}`;
    case 'failed':
      return tr.html('enrolmentPage.refund.failed');
    default:
      return tr.html('enrolmentPage.refund.none');
  }
}
