import { escapeHtml } from '../../lib/html.ts';
import { formatMoney } from '../../lib/money.ts';
import { webUrl } from '../../lib/web-url.ts';
import { formatDateTime, formatRange } from '../bookings/emails/email-format.ts';
import { BOOKING_CSS, brandCss, siteFooter, siteHeader } from './booking-site.ts';
import { type RenderedPage, renderPage } from './layout.ts';
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

// The page a booking's manage link opens (manage-page.routes.ts serves it): the booking, its status
// and policy, an "Add to calendar" link, "Change time" and a plain cancel form, in the school's colours.

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
  error?: string;
  /** The reason as typed, kept when the form is shown again. */
  reason?: string;
}

/** The school as the page shows it (colours are the landing page's; defaults if unknown). */
export interface Brand {
  name: string;
  logoUrl: string | null;
  primaryColor: string | null;
  secondaryColor: string | null;
  /** The school's landing page, when it is published. */
  homeUrl: string | null;
}

export function viewPath(uid: string, token: string): string {
  return `/bookings/${uid}?token=${encodeURIComponent(token)}`;
}

/** A page of the manage link: the school's header and colours around `main`, never indexed. */
export function managePage(title: string, brand: Brand | undefined, main: string): RenderedPage {
  const header = brand
    ? siteHeader(brand, brand.homeUrl)
    : '<a class="skip" href="#main">Skip to content</a>';
  const footer = brand ? siteFooter(brand, brand.homeUrl) : '';
  // Times here are in the attendee's own zone (named), so there is nothing for site.js to do,
  // and a page behind a secret link runs no code at all.
  return renderPage({
    title,
    noindex: true,
    script: false,
    css: `${brandCss(brand)}${BOOKING_CSS}${RESCHEDULE_CSS}`,
    body: `${header}<main class="wrap narrow stack manage" id="main">${main}</main>${footer}`,
  });
}

export const NOT_FOUND = managePage(
  'Booking not found',
  undefined,
  `<h1>Booking not found</h1><p class="error">We couldn't find this booking. Please open the link from your booking e-mail again, exactly as it was sent.</p>`,
);

export const NO_CALENDAR = managePage(
  'No calendar entry',
  undefined,
  '<h1>No calendar entry</h1><p>This booking is no longer active, so there is no calendar entry to add. Open the link from your booking e-mail to see where it stands.</p>',
);

const STATUS_HEADINGS: Record<string, string> = {
  accepted: 'Confirmed',
  pending: 'Awaiting payment',
  cancelled: 'Cancelled',
  expired: 'Expired',
  failed: 'Not booked',
};

export function renderManagePage(view: ManagedBooking, brand: Brand, shown: Shown): RenderedPage {
  const { booking, workshop, payment, cancellation } = view;
  const zone = booking.attendee.timeZone;
  const at = (date: Date) => time(date, formatDateTime(date, zone));
  const price = payment ? formatMoney(payment.amount, payment.currency) : null;
  const live = booking.status === 'pending' || booking.status === 'accepted';
  const workshopUrl = webUrl(workshop.bookingUrl);

  const notices: string[] = [];
  if (shown.error) notices.push(`<p class="error" role="alert">${escapeHtml(shown.error)}</p>`);
  if (shown.justBooked && booking.status === 'accepted') {
    notices.push(
      `<p class="alert alert-ok" role="status"><strong>You're booked!</strong> A confirmation e-mail is on its way to ${escapeHtml(booking.attendee.email)}.</p>`,
    );
  }
  if (shown.justMoved && booking.status === 'accepted') {
    notices.push(
      `<p class="alert alert-ok" role="status"><strong>Your booking has moved</strong> to ${at(booking.startTime)}. An updated calendar invitation is on its way to ${escapeHtml(booking.attendee.email)}.</p>`,
    );
  }
  if (shown.justCancelled && booking.status === 'cancelled') {
    notices.push(
      `<p class="alert alert-ok" role="status"><strong>Your booking is cancelled.</strong> ${cancelledRefundText(view, view.refund ? refundShown(view.refund.status) : shown.refund)}</p>`,
    );
  }
  if (shown.checkout === 'success' && booking.status === 'accepted') {
    notices.push(
      '<p class="alert alert-ok" role="status"><strong>Payment received — your confirmation is on its way.</strong></p>',
    );
  } else if (shown.checkout === 'success' && booking.status === 'pending') {
    notices.push(
      `<p class="alert alert-info" role="status"><strong>We're confirming your payment…</strong> This usually takes a few seconds. <a href="${escapeHtml(viewPath(booking.uid, shown.token))}&amp;checkout=success">Check again</a></p>`,
    );
  } else if (shown.checkout === 'cancelled' && booking.status === 'pending' && !holdLapsed(view, shown.now)) {
    notices.push(
      `<p class="alert alert-info" role="status"><strong>Payment cancelled.</strong> You have not been charged. Your seat stays held until the time below, so you can still pay.</p>`,
    );
  } else if (shown.checkout === 'cancelled' && booking.status === 'expired') {
    // Checkout's Cancel ended the hold at once (the seat went back on sale).
    notices.push(
      `<p class="alert alert-info" role="status"><strong>Payment cancelled.</strong> You have not been charged, and the seat you held has been released.</p>`,
    );
  }

  const details: Array<[string, string]> = [
    ['When', time(booking.startTime, formatRange(booking.startTime, booking.endTime, zone))],
    ['Teacher', escapeHtml(workshop.teacher.name)],
  ];
  if (live) {
    const where = whereHtml(booking.status, workshop.location);
    if (where) details.push(['Where', where]);
  }
  details.push([
    'Booked for',
    `${escapeHtml(booking.attendee.name)} (${escapeHtml(booking.attendee.email)})`,
  ]);
  details.push([
    'Price',
    view.pass
      ? `Paid with your class pass "${escapeHtml(view.pass.name)}"`
      : price
        ? `${escapeHtml(price)} — ${paymentStatusText(payment!.status)}`
        : 'Free',
  ]);
  details.push(['Booking reference', escapeHtml(booking.uid)]);

  const calendar = live
    ? `<p class="calendar"><a href="${escapeHtml(`/bookings/${booking.uid}/calendar.ics?token=${encodeURIComponent(shown.token)}`)}" download>Add to calendar</a> <span class="small muted">(an .ics file for Google, Apple or Outlook calendars)</span></p>`
    : '';
  const sections = [
    `<h1>${escapeHtml(booking.title)}</h1>`,
    ...notices,
    `<section class="card"><h2>Status: ${escapeHtml(STATUS_HEADINGS[booking.status] ?? booking.status)}</h2>
${statusHtml(view, shown, at)}
<dl class="details">${details.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join('')}</dl>${calendar}</section>`,
  ];

  if (live) {
    sections.push(
      `<section class="card"><h2>Cancellation policy</h2>${policyHtml(view, price, at)}</section>`,
    );
  }
  if (shown.reschedule) {
    sections.push(rescheduleSection(view, shown.reschedule, shown));
  }
  if (cancellation.allowed) {
    sections.push(
      `<section class="card"><h2>Cancel this booking</h2>
<p>${cancelOutcomeText(view, at)} Cancelling cannot be undone.</p>
<form method="post" action="/bookings/${escapeHtml(booking.uid)}/cancel">
<input type="hidden" name="token" value="${escapeHtml(shown.token)}">
<div class="field"><label for="reason">Reason for cancelling (optional)</label>
<textarea id="reason" name="reason" rows="3" maxlength="${MAX_REASON}">${escapeHtml(shown.reason ?? '')}</textarea></div>
<button class="btn btn-danger" type="submit">Cancel my booking</button>
</form></section>`,
    );
  }
  if (workshopUrl) {
    const label = live ? 'View the workshop page' : 'Book another session';
    sections.push(
      `<p><a href="${escapeHtml(workshopUrl)}">${label}</a> of ${escapeHtml(workshop.title)}.</p>`,
    );
  }

  return managePage(`${booking.title} — your booking`, brand, sections.join('\n'));
}

function statusHtml(view: ManagedBooking, shown: Shown, at: (date: Date) => string): string {
  const { booking, tenant, payment } = view;
  switch (booking.status) {
    case 'accepted':
      return '<p>Your seat is confirmed.</p>';
    case 'pending': {
      const expiresAt = payment?.expiresAt ?? null;
      if (expiresAt && holdLapsed(view, shown.now)) {
        return `<p>The time to pay ran out at ${at(expiresAt)}. If you paid, we'll confirm your seat or refund you shortly.</p>`;
      }
      const held = expiresAt ? ` Your seat is held until ${at(expiresAt)}.` : '';
      const checkoutUrl = payment?.checkoutUrl ? webUrl(payment.checkoutUrl) : null;
      const pay = checkoutUrl
        ? `<p class="pay"><a href="${escapeHtml(checkoutUrl)}">Pay now</a></p>`
        : '<p>The payment page is being prepared: reload this page in a moment.</p>';
      return `<p>Your booking is confirmed once you have paid.${held}</p>${pay}`;
    }
    case 'cancelled': {
      const by =
        booking.cancelledBy === 'student'
          ? 'by you'
          : booking.cancelledBy === 'teacher'
            ? 'by your teacher'
            : booking.cancelledBy === 'admin'
              ? `by ${escapeHtml(tenant.name)}`
              : '';
      const when = booking.cancelledAt ? ` on ${at(booking.cancelledAt)}` : '';
      const reason = booking.cancellationReason
        ? `<p>Reason given: ${multiline(booking.cancellationReason)}</p>`
        : '';
      // Where the money stands, on every visit (the notice above only follows the cancel form).
      const money =
        view.refund || booking.paid
          ? `<p>${cancelledRefundText(view, view.refund ? refundShown(view.refund.status) : 'none')}</p>`
          : '';
      return `<p>This booking was cancelled${when}${by ? ` ${by}` : ''}.</p>${reason}${money}`;
    }
    case 'expired':
      return "<p>The payment wasn't completed, so the seat was released. You have not been charged for this booking.</p>";
    case 'failed':
      return '<p>The payment could not be completed, so this booking did not go through.</p>';
    default:
      return '';
  }
}
