import { escapeHtml } from '../../lib/html.ts';
import { formatMoney } from '../../lib/money.ts';
import { webUrl } from '../../lib/web-url.ts';
import { formatDateTime, formatRange } from '../bookings/emails/email-format.ts';
import type { WaitlistEntryDetails } from '../bookings/waitlist/waitlist.service.ts';
import { BOOKING_CSS, brandCss, siteFooter, siteHeader } from './booking-site.ts';
import { type RenderedPage, renderPage } from './layout.ts';
import type { Brand } from './manage-page.ts';
import { time } from './manage-page-sections.ts';

// The page a waitlist entry's link opens (waitlist-page.routes.ts serves it): the place in line,
// or the seat offered with its deadline and a Claim button, and a plain form to leave. Like the
// booking manage page it runs no script and is never stored or indexed.

export interface WaitlistShown {
  token: string;
  /** Arrived from the workshop page's waitlist form. */
  justJoined?: boolean;
  /** Arrived from the leave form's redirect. */
  justLeft?: boolean;
  /** Why the last submission was refused. */
  error?: string | undefined;
  /** Stripe Checkout's origin: a paid claim is redirected there (the CSP's form-action must allow it). */
  checkoutOrigin?: string | undefined;
}

export function waitlistPath(uid: string, token: string): string {
  return `/waitlist/${uid}?token=${encodeURIComponent(token)}`;
}

function page(
  title: string,
  brand: Brand | undefined,
  main: string,
  formActions: string[] = [],
): RenderedPage {
  const header = brand
    ? siteHeader(brand, brand.homeUrl)
    : '<a class="skip" href="#main">Skip to content</a>';
  const footer = brand ? siteFooter(brand, brand.homeUrl) : '';
  return renderPage(
    {
      title,
      noindex: true,
      script: false,
      css: `${brandCss(brand)}${BOOKING_CSS}`,
      body: `${header}<main class="wrap narrow stack manage" id="main">${main}</main>${footer}`,
    },
    { formActions },
  );
}

export const WAITLIST_NOT_FOUND = page(
  'Waitlist entry not found',
  undefined,
  `<h1>Waitlist entry not found</h1><p class="error">We couldn't find this waitlist entry. Please open the link from your waitlist e-mail again, exactly as it was sent.</p>`,
);

const HEADINGS: Record<string, string> = {
  waiting: 'On the waitlist',
  offered: 'A seat is held for you',
  claimed: 'Seat claimed',
  expired: 'No longer on the waitlist',
  left: 'You left the waitlist',
};

export function renderWaitlistPage(
  view: WaitlistEntryDetails,
  brand: Brand,
  shown: WaitlistShown,
): RenderedPage {
  const { entry, session, workshop, attendee } = view;
  const zone = attendee.timeZone;
  const at = (date: Date) => time(date, formatDateTime(date, zone));
  const price = workshop.price > 0 ? formatMoney(workshop.price, workshop.currency) : null;
  const form = (action: 'claim' | 'leave', label: string, css: string) =>
    `<form method="post" action="/waitlist/${escapeHtml(entry.uid)}/${action}"><input type="hidden" name="token" value="${escapeHtml(shown.token)}"><button class="btn ${css}" type="submit">${label}</button></form>`;

  const notices: string[] = [];
  if (shown.error) notices.push(`<p class="error" role="alert">${escapeHtml(shown.error)}</p>`);
  if (shown.justJoined && entry.status === 'waiting') {
    notices.push(
      `<p class="alert alert-ok" role="status"><strong>You're on the waitlist.</strong> We have e-mailed ${escapeHtml(attendee.email)} a link to this page.</p>`,
    );
  }
  if (shown.justLeft && entry.status === 'left') {
    notices.push('<p class="alert alert-ok" role="status"><strong>You have left the waitlist.</strong></p>');
  }

  let status: string;
  const actions: string[] = [];
  switch (entry.status) {
    case 'waiting':
      status = `<p>You are <strong>number ${entry.position} in line</strong>. If a seat frees up and it is your turn, we hold it for you and e-mail you; you then have a limited time to claim it.</p>`;
      actions.push(form('leave', 'Leave the waitlist', 'btn-secondary'));
      break;
    case 'offered':
      status = `<p>A seat has come free and it is yours if you claim it by <strong>${at(entry.offerExpiresAt!)}</strong>. After that it goes to the next person in line.</p>${
        price
          ? `<p>Claiming takes you to the payment (${escapeHtml(price)}); the seat is yours once it is paid.</p>`
          : '<p>Claiming confirms your seat at once.</p>'
      }`;
      actions.push(form('claim', price ? 'Claim and pay' : 'Claim my seat', ''));
      actions.push(form('leave', 'No thanks, give it to the next person', 'btn-secondary'));
      break;
    case 'claimed':
      status = '<p>You claimed the seat offered to you: it is now a booking.</p>';
      if (view.bookingUrl) {
        actions.push(`<p class="pay"><a href="${escapeHtml(view.bookingUrl)}">See your booking</a></p>`);
      }
      break;
    case 'expired':
      status = entry.offerExpiresAt
        ? `<p>The seat offered to you was not claimed by ${at(entry.offerExpiresAt)}, so it went to the next person in line.</p>`
        : '<p>This session has started or is no longer taking place, so the waitlist is closed.</p>';
      break;
    default:
      status = '<p>You are no longer on the waitlist for this session.</p>';
  }

  const details: Array<[string, string]> = [
    ['Class', escapeHtml(workshop.title)],
    ['When', time(session.startTime, formatRange(session.startTime, session.endTime, zone))],
    ['Teacher', escapeHtml(workshop.teacherName)],
    ['Price', price ? escapeHtml(price) : 'Free'],
    ['For', `${escapeHtml(attendee.name)} (${escapeHtml(attendee.email)})`],
  ];
  const workshopUrl = webUrl(workshop.bookingUrl);
  const sections = [
    `<h1>${escapeHtml(workshop.title)}</h1>`,
    ...notices,
    `<section class="card"><h2>Status: ${HEADINGS[entry.status] ?? escapeHtml(entry.status)}</h2>${status}
<dl class="details">${details.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join('')}</dl>
${actions.length > 0 ? `<div class="stack">${actions.join('')}</div>` : ''}</section>`,
    workshopUrl
      ? `<p><a href="${escapeHtml(workshopUrl)}">See the class and its other sessions</a>.</p>`
      : '',
  ];
  const checkout = price && entry.status === 'offered' && shown.checkoutOrigin ? [shown.checkoutOrigin] : [];
  return page(`${workshop.title} — waitlist`, brand, sections.join('\n'), checkout);
}
