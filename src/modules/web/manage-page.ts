import { escapeHtml } from '../../lib/html.ts';
import { trustedHtml } from '../../lib/i18n/translator.ts';
import { webUrl } from '../../lib/web-url.ts';
import type { RenderedPage } from './layout.ts';
import {
  cancelledRefundText,
  cancelOutcomeText,
  holdLapsed,
  multiline,
  paymentStatusText,
  policyHtml,
  time,
  whereHtml,
} from './manage-page-sections.ts';
import { RESCHEDULE_CSS, type RescheduleOptions, rescheduleSection } from './manage-reschedule.ts';
import { type ManagedBooking, type RefundShown, refundShown } from './managed-booking.ts';
import {
  type Brand,
  ENGLISH_PAGE,
  type PageError,
  type PrivateLanguage,
  perLanguage,
  privatePage,
} from './private-page.ts';

export type { Brand } from './private-page.ts';

// The page a booking's manage link opens (manage-page.routes.ts serves it): the booking, its status
// and policy, an "Add to calendar" link, "Change time" and a plain cancel form, in the school's
// colours and the student's language (issue 18).

/** The longest cancellation reason the form takes. */
export const MAX_REASON = 1000;

export interface Shown {
  token: string;
  now: Date;
  checkout?: 'success' | 'cancelled' | undefined;
  /** Arrived from the cancel form's redirect. */
  justCancelled?: boolean;
  /** Arrived from the workshop page's booking form (a free booking, confirmed at once). */
  justBooked?: boolean;
  /** Arrived from the "Change time" form's redirect. */
  justMoved?: boolean;
  /** The times the booking could move to, when it can move. */
  reschedule?: RescheduleOptions | undefined;
  /** The time picked in the "Change time" form, kept when the form is shown again. */
  startTime?: string | undefined;
  refund?: RefundShown | undefined;
  /** Why the last submission was refused. */
  error?: PageError | undefined;
  /** The reason as typed, kept when the form is shown again. */
  reason?: string;
}

export function viewPath(uid: string, token: string): string {
  return `/bookings/${uid}?token=${encodeURIComponent(token)}`;
}

/** A page of the manage link: the school's header and colours around `main`, never indexed. */
export function managePage(
  title: string,
  brand: Brand | undefined,
  main: string,
  language: PrivateLanguage = ENGLISH_PAGE,
): RenderedPage {
  return privatePage({ title, brand, main, language, css: RESCHEDULE_CSS });
}

export const notFoundPage = perLanguage((language) => {
  const { tr } = language;
  const title = tr.html('manage.notFound.title');
  return managePage(
    tr.t('manage.notFound.title'),
    undefined,
    `<h1>${title}</h1><p class="error">${tr.html('manage.notFound.body')}</p>`,
    language,
  );
});

export const noCalendarPage = perLanguage((language) => {
  const { tr } = language;
  return managePage(
    tr.t('manage.noCalendar.title'),
    undefined,
    `<h1>${tr.html('manage.noCalendar.title')}</h1><p>${tr.html('manage.noCalendar.body')}</p>`,
    language,
  );
});

const STATUS_KEYS = {
  accepted: 'manage.status.accepted',
  pending: 'manage.status.pending',
  cancelled: 'manage.status.cancelled',
  expired: 'manage.status.expired',
  failed: 'manage.status.failed',
} as const;

/** The checkout return's notices, the same on a booking's and an enrolment's page. */
export function checkoutNotice(
  language: PrivateLanguage,
  input: { checkout: Shown['checkout']; status: string; checkAgainPath: string },
): string {
  const { tr } = language;
  if (input.checkout === 'success' && input.status === 'accepted') {
    return `<p class="alert alert-ok" role="status"><strong>${tr.html('manage.checkout.paid')}</strong></p>`;
  }
  if (input.checkout === 'success' && input.status === 'pending') {
    return `<p class="alert alert-info" role="status"><strong>${tr.html('manage.checkout.confirming')}</strong> ${tr.html('manage.checkout.confirmingBody')} <a href="${escapeHtml(input.checkAgainPath)}&amp;checkout=success">${tr.html('manage.checkout.checkAgain')}</a></p>`;
  }
  return '';
}

export function renderManagePage(
  view: ManagedBooking,
  brand: Brand,
  shown: Shown,
  language: PrivateLanguage = ENGLISH_PAGE,
): RenderedPage {
  const { tr } = language;
  const { booking, workshop, payment, cancellation } = view;
  const zone = booking.attendee.timeZone;
  const at = (date: Date) => time(date, tr.dateTime(date, zone));
  const price = payment ? tr.money(payment.amount, payment.currency) : null;
  const live = booking.status === 'pending' || booking.status === 'accepted';
  const workshopUrl = webUrl(workshop.bookingUrl);
  const email = booking.attendee.email;

  const notices: string[] = [];
  if (shown.error) notices.push(`<p class="error" role="alert">${escapeHtml(shown.error(tr))}</p>`);
  if (shown.justBooked && booking.status === 'accepted') {
    notices.push(
      `<p class="alert alert-ok" role="status"><strong>${tr.html('manage.justBooked.title')}</strong> ${tr.html('manage.justBooked.body', { email })}</p>`,
    );
  }
  if (shown.justMoved && booking.status === 'accepted') {
    notices.push(
      `<p class="alert alert-ok" role="status"><strong>${tr.html('manage.justMoved.title')}</strong> ${tr.html('manage.justMoved.body', { time: trustedHtml(at(booking.startTime)), email })}</p>`,
    );
  }
  if (shown.justCancelled && booking.status === 'cancelled') {
    notices.push(
      `<p class="alert alert-ok" role="status"><strong>${tr.html('manage.justCancelled')}</strong> ${cancelledRefundText(tr, view, view.refund ? refundShown(view.refund.status) : shown.refund)}</p>`,
    );
  }
  if (shown.checkout === 'cancelled' && booking.status === 'pending' && !holdLapsed(view, shown.now)) {
    notices.push(
      `<p class="alert alert-info" role="status"><strong>${tr.html('manage.checkout.cancelled')}</strong> ${tr.html('manage.checkout.cancelledHeld')}</p>`,
    );
  } else if (shown.checkout === 'cancelled' && booking.status === 'expired') {
    // Checkout's Cancel ended the hold at once (the seat went back on sale).
    notices.push(
      `<p class="alert alert-info" role="status"><strong>${tr.html('manage.checkout.cancelled')}</strong> ${tr.html('manage.checkout.cancelledReleased')}</p>`,
    );
  } else {
    notices.push(
      checkoutNotice(language, {
        checkout: shown.checkout,
        status: booking.status,
        checkAgainPath: viewPath(booking.uid, shown.token),
      }),
    );
  }

  const details: Array<[string, string]> = [
    [
      tr.html('manage.detail.when'),
      time(booking.startTime, tr.range(booking.startTime, booking.endTime, zone)),
    ],
    [tr.html('manage.detail.teacher'), escapeHtml(workshop.teacher.name)],
  ];
  if (live) {
    const where = whereHtml(tr, booking.status, workshop.location);
    if (where) details.push([tr.html('manage.detail.where'), where]);
  }
  details.push([
    tr.html('manage.detail.bookedFor'),
    `${escapeHtml(booking.attendee.name)} (${escapeHtml(email)})`,
  ]);
  details.push([
    tr.html('manage.detail.price'),
    view.pass
      ? tr.html('manage.paidWithPass', { pass: view.pass.name })
      : price
        ? `${escapeHtml(price)} — ${paymentStatusText(tr, payment!.status)}`
        : tr.html('common.free'),
  ]);
  details.push([tr.html('manage.detail.reference'), escapeHtml(booking.uid)]);

  const calendar = live
    ? `<p class="calendar"><a href="${escapeHtml(`/bookings/${booking.uid}/calendar.ics?token=${encodeURIComponent(shown.token)}`)}" download>${tr.html('manage.calendar.add')}</a> <span class="small muted">${tr.html('manage.calendar.hint')}</span></p>`
    : '';
  const statusKey = STATUS_KEYS[booking.status as keyof typeof STATUS_KEYS];
  const sections = [
    `<h1>${escapeHtml(booking.title)}</h1>`,
    ...notices.filter(Boolean),
    `<section class="card"><h2>${tr.html('manage.statusHeading', { status: statusKey ? tr.t(statusKey) : booking.status })}</h2>
${statusHtml(view, shown, at, language)}
<dl class="details">${details.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join('')}</dl>${calendar}</section>`,
  ];

  if (live) {
    sections.push(
      `<section class="card"><h2>${tr.html('manage.policy.heading')}</h2>${policyHtml(tr, view, price, at)}</section>`,
    );
  }
  if (shown.reschedule) {
    sections.push(rescheduleSection(view, shown.reschedule, shown, tr));
  }
  if (cancellation.allowed) {
    sections.push(
      `<section class="card"><h2>${tr.html('manage.cancel.heading')}</h2>
<p>${cancelOutcomeText(tr, view, at)} ${tr.html('manage.cancel.final')}</p>
<form method="post" action="/bookings/${escapeHtml(booking.uid)}/cancel">
<input type="hidden" name="token" value="${escapeHtml(shown.token)}">
<div class="field"><label for="reason">${tr.html('manage.cancel.reason')}</label>
<textarea id="reason" name="reason" rows="3" maxlength="${MAX_REASON}">${escapeHtml(shown.reason ?? '')}</textarea></div>
<button class="btn btn-danger" type="submit">${tr.html('manage.cancel.submit')}</button>
</form></section>`,
    );
  }
  if (workshopUrl) {
    const link = `<a href="${escapeHtml(workshopUrl)}">${tr.html(live ? 'manage.link.workshop' : 'manage.link.bookAnother')}</a>`;
    sections.push(
      `<p>${tr.html('manage.link.of', { link: trustedHtml(link), workshop: workshop.title })}</p>`,
    );
  }

  return managePage(tr.t('manage.title', { title: booking.title }), brand, sections.join('\n'), language);
}

function statusHtml(
  view: ManagedBooking,
  shown: Shown,
  at: (date: Date) => string,
  { tr }: PrivateLanguage,
): string {
  const { booking, tenant, payment } = view;
  switch (booking.status) {
    case 'accepted':
      return `<p>${tr.html('manage.state.accepted')}</p>`;
    case 'pending': {
      const expiresAt = payment?.expiresAt ?? null;
      if (expiresAt && holdLapsed(view, shown.now)) {
        return `<p>${tr.html('manage.state.holdLapsed', { time: trustedHtml(at(expiresAt)) })}</p>`;
      }
      const held = expiresAt
        ? ` ${tr.html('manage.state.heldUntil', { time: trustedHtml(at(expiresAt)) })}`
        : '';
      const checkoutUrl = payment?.checkoutUrl ? webUrl(payment.checkoutUrl) : null;
      const pay = checkoutUrl
        ? `<p class="pay"><a href="${escapeHtml(checkoutUrl)}">${tr.html('manage.payNow')}</a></p>`
        : `<p>${tr.html('manage.state.preparing')}</p>`;
      return `<p>${tr.html('manage.state.pending')}${held}</p>${pay}`;
    }
    case 'cancelled': {
      const by = booking.cancelledBy ?? 'other';
      const who = ['student', 'teacher', 'admin'].includes(by) ? by : 'other';
      const when = booking.cancelledAt ? trustedHtml(at(booking.cancelledAt)) : '';
      const cancelled = tr.html('manage.state.cancelled', {
        by: who,
        school: tenant.name,
        when,
        dated: booking.cancelledAt ? 'yes' : 'no',
      });
      const reason = booking.cancellationReason
        ? `<p>${tr.html('manage.state.reason', { reason: trustedHtml(multiline(booking.cancellationReason)) })}</p>`
        : '';
      // Where the money stands, on every visit (the notice above only follows the cancel form).
      const money =
        view.refund || booking.paid
          ? `<p>${cancelledRefundText(tr, view, view.refund ? refundShown(view.refund.status) : 'none')}</p>`
          : '';
      return `<p>${cancelled}</p>${reason}${money}`;
    }
    case 'expired':
      return `<p>${tr.html('manage.state.expired')}</p>`;
    case 'failed':
      return `<p>${tr.html('manage.state.failed')}</p>`;
    default:
      return '';
  }
}
