import { escapeHtml } from '../../lib/html.ts';
import { trustedHtml } from '../../lib/i18n/translator.ts';
import { webUrl } from '../../lib/web-url.ts';
import type { WaitlistEntryDetails } from '../bookings/waitlist/waitlist.service.ts';
import type { RenderedPage } from './layout.ts';
import { time } from './manage-page-sections.ts';
import {
  type Brand,
  ENGLISH_PAGE,
  type PageError,
  type PrivateLanguage,
  perLanguage,
  privatePage,
} from './private-page.ts';

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
  error?: PageError | undefined;
  /** Stripe Checkout's origin: a paid claim is redirected there (the CSP's form-action must allow it). */
  checkoutOrigin?: string | undefined;
}

export function waitlistPath(uid: string, token: string): string {
  return `/waitlist/${uid}?token=${encodeURIComponent(token)}`;
}

export const waitlistNotFoundPage = perLanguage((language) => {
  const { tr } = language;
  return privatePage({
    title: tr.t('waitlistPage.notFound.title'),
    brand: undefined,
    main: `<h1>${tr.html('waitlistPage.notFound.title')}</h1><p class="error">${tr.html('waitlistPage.notFound.body')}</p>`,
    language,
  });
});

const HEADING_KEYS = {
  waiting: 'waitlistPage.status.waiting',
  offered: 'waitlistPage.status.offered',
  claimed: 'waitlistPage.status.claimed',
  expired: 'waitlistPage.status.expired',
  left: 'waitlistPage.status.left',
} as const;

export function renderWaitlistPage(
  view: WaitlistEntryDetails,
  brand: Brand,
  shown: WaitlistShown,
  language: PrivateLanguage = ENGLISH_PAGE,
): RenderedPage {
  const { tr } = language;
  const { entry, session, workshop, attendee } = view;
  const zone = attendee.timeZone;
  const at = (date: Date) => time(date, tr.dateTime(date, zone));
  const price = workshop.price > 0 ? tr.money(workshop.price, workshop.currency) : null;
  const form = (action: 'claim' | 'leave', label: string, css: string) =>
    // A paid claim goes on to Stripe Checkout, which cannot be framed: the embed sends it to the top.
    `<form method="post" action="/waitlist/${escapeHtml(entry.uid)}/${action}"${action === 'claim' && price ? ` data-checkout${language.embed ? ' target="_top"' : ''}` : ''}><input type="hidden" name="token" value="${escapeHtml(shown.token)}"><button class="btn ${css}" type="submit">${label}</button></form>`;

  const notices: string[] = [];
  if (shown.error) notices.push(`<p class="error" role="alert">${escapeHtml(shown.error(tr))}</p>`);
  if (shown.justJoined && entry.status === 'waiting') {
    notices.push(
      `<p class="alert alert-ok" role="status"><strong>${tr.html('waitlistPage.joined.title')}</strong> ${tr.html('waitlistPage.joined.body', { email: attendee.email })}</p>`,
    );
  }
  if (shown.justLeft && entry.status === 'left') {
    notices.push(
      `<p class="alert alert-ok" role="status"><strong>${tr.html('waitlistPage.left')}</strong></p>`,
    );
  }

  let status: string;
  const actions: string[] = [];
  switch (entry.status) {
    case 'waiting': {
      const place = `<strong>${tr.html('waitlistPage.place', { position: entry.position ?? 0 })}</strong>`;
      status = `<p>${tr.html('waitlistPage.waiting', { place: trustedHtml(place) })}</p>`;
      actions.push(form('leave', tr.html('waitlistPage.leave'), 'btn-secondary'));
      break;
    }
    case 'offered':
      status = `<p>${tr.html('waitlistPage.offered', { deadline: trustedHtml(`<strong>${at(entry.offerExpiresAt!)}</strong>`) })}</p>${
        price
          ? `<p>${tr.html('waitlistPage.claimPays', { price })}</p>`
          : `<p>${tr.html('waitlistPage.claimFree')}</p>`
      }`;
      actions.push(form('claim', tr.html(price ? 'waitlistPage.claimAndPay' : 'waitlistPage.claim'), ''));
      actions.push(form('leave', tr.html('waitlistPage.decline'), 'btn-secondary'));
      break;
    case 'claimed':
      status = `<p>${tr.html('waitlistPage.claimed')}</p>`;
      if (view.bookingUrl) {
        actions.push(
          `<p class="pay"><a href="${escapeHtml(view.bookingUrl)}">${tr.html('waitlistPage.seeBooking')}</a></p>`,
        );
      }
      break;
    case 'expired':
      status = entry.offerExpiresAt
        ? `<p>${tr.html('waitlistPage.offerLapsed', { deadline: trustedHtml(at(entry.offerExpiresAt)) })}</p>`
        : `<p>${tr.html('waitlistPage.closed')}</p>`;
      break;
    default:
      status = `<p>${tr.html('waitlistPage.gone')}</p>`;
  }

  const details: Array<[string, string]> = [
    [tr.html('waitlistPage.detail.class'), escapeHtml(workshop.title)],
    [
      tr.html('manage.detail.when'),
      time(session.startTime, tr.range(session.startTime, session.endTime, zone)),
    ],
    [tr.html('manage.detail.teacher'), escapeHtml(workshop.teacherName)],
    [tr.html('manage.detail.price'), price ? escapeHtml(price) : tr.html('common.free')],
    [tr.html('waitlistPage.detail.for'), `${escapeHtml(attendee.name)} (${escapeHtml(attendee.email)})`],
  ];
  const workshopUrl = webUrl(workshop.bookingUrl);
  const headingKey = HEADING_KEYS[entry.status as keyof typeof HEADING_KEYS];
  const sections = [
    `<h1>${escapeHtml(workshop.title)}</h1>`,
    ...notices,
    `<section class="card"><h2>${tr.html('manage.statusHeading', { status: headingKey ? tr.t(headingKey) : entry.status })}</h2>${status}
<dl class="details">${details.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join('')}</dl>
${actions.length > 0 ? `<div class="stack">${actions.join('')}</div>` : ''}</section>`,
    workshopUrl
      ? `<p><a href="${escapeHtml(workshopUrl)}">${tr.html('waitlistPage.otherSessions')}</a>.</p>`
      : '',
  ];
  const checkout = price && entry.status === 'offered' && shown.checkoutOrigin ? [shown.checkoutOrigin] : [];
  return privatePage({
    title: tr.t('waitlistPage.title', { title: workshop.title }),
    brand,
    main: sections.join('\n'),
    language,
    formActions: checkout,
  });
}
