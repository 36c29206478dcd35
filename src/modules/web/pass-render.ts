import { escapeHtml } from '../../lib/html.ts';
import { formatMoney } from '../../lib/money.ts';
import { webUrl } from '../../lib/web-url.ts';
import type { PassForStudent } from '../passes/get-pass-for-student.ts';
import { classCount, passDate } from '../passes/pass-emails.ts';
import { BOOKING_CSS, brandCss, siteFooter, siteHeader } from './booking-site.ts';
import { type RenderedPage, renderPage } from './layout.ts';
import { time } from './manage-page-sections.ts';

// The class pass pages (issue 16): a school's passes with a buy form each
// (`/{tenant}/passes`, passes-page.ts), and a bought pass's page behind its manage link
// (`/passes/<uid>?token=…`, pass-page.routes.ts): balance, validity and history.

export interface PassBrand {
  name: string;
  logoUrl: string | null;
  primaryColor: string | null;
  secondaryColor: string | null;
  /** The school's landing page, when it is published. */
  homeUrl: string | null;
}

export interface PassOnSale {
  id: number;
  name: string;
  classes: number;
  price: number;
  currency: string;
  validDays: number;
  workshops: Array<{ id: number; title: string }> | null;
}

export type PassFormField = 'name' | 'email';

export interface PassesPageInput {
  brand: PassBrand;
  passes: PassOnSale[];
  /** The school can take a payment (Stripe is set up). */
  onSale: boolean;
  testMode: boolean;
  /** Where the forms post (this page, as the visitor reached it). */
  pagePath: string;
  formActions: string[];
  /** A form sent and refused: which pass, what was typed, what is wrong. */
  submitted?: {
    passId: number;
    name: string;
    email: string;
    errors: Partial<Record<PassFormField, string>>;
    problem?: string | undefined;
  };
}

const PASS_CSS = `.passes-intro{max-width:42rem}
.passes-list{padding-top:2rem;padding-bottom:3rem}
.pass-card h2{margin:0 0 .5rem}
.pass-price{font-size:1.35rem;font-weight:700;margin:0 0 .75rem}
.pass-covers{margin:0 0 1rem}
.history{width:100%;border-collapse:collapse}
.history th,.history td{text-align:left;padding:.5rem .5rem .5rem 0;border-bottom:1px solid var(--line);vertical-align:top}
.history td.num{white-space:nowrap;font-variant-numeric:tabular-nums}
.balance{font-size:1.5rem;font-weight:700;margin:.25rem 0 .5rem}`;

/** A page in the school's colours; `formActions` for the page with buy forms (indexed), none for a pass's own page. */
function passPage(title: string, brand: PassBrand | undefined, main: string, formActions?: string[]) {
  const header = brand
    ? siteHeader(brand, brand.homeUrl)
    : '<a class="skip" href="#main">Skip to content</a>';
  const footer = brand ? siteFooter(brand, brand.homeUrl) : '';
  return renderPage(
    {
      title,
      noindex: formActions === undefined,
      script: false,
      css: `${brandCss(brand)}${BOOKING_CSS}${PASS_CSS}`,
      body: `${header}<main id="main">${main}</main>${footer}`,
    },
    { formActions },
  );
}

function coversText(workshops: Array<{ title: string }> | null, school: string): string {
  if (workshops === null) return `Any class at ${escapeHtml(school)}.`;
  if (workshops.length === 0) return 'The classes it was sold for are no longer offered.';
  return `These classes: ${workshops.map((w) => escapeHtml(w.title)).join(', ')}.`;
}

/** A school's passes, each with its buy form. */
export function renderPassesPage(input: PassesPageInput): RenderedPage {
  const school = input.brand.name;
  const cards = input.passes.map((pass) => passCard(input, pass));
  const list =
    input.passes.length === 0
      ? `<p>${escapeHtml(school)} has no passes on sale at the moment.</p>`
      : `<ul class="cards">${cards.join('')}</ul>`;
  const closed = input.onSale
    ? ''
    : `<p class="alert alert-info">${escapeHtml(school)} cannot take payments online yet, so passes cannot be bought here. Please contact ${escapeHtml(school)}.</p>`;
  const main = `<div class="band"><div class="wrap"><h1>Class passes</h1>
<p class="passes-intro">Buy several classes at once. Book any class the pass covers with the e-mail address you buy it with: the pass pays for your seat, one class each time. Cancel within the class's refund window and the class goes back on your pass.</p></div></div>
<div class="wrap stack passes-list">${closed}${list}</div>`;
  return passPage(`Class passes — ${school}`, input.brand, main, input.formActions);
}

function passCard(input: PassesPageInput, pass: PassOnSale): string {
  const sent = input.submitted?.passId === pass.id ? input.submitted : undefined;
  const errors = sent?.errors ?? {};
  const id = (field: string) => `${field}-${pass.id}`;
  const price = formatMoney(pass.price, pass.currency);
  const field = (name: PassFormField, label: string, type: string, autocomplete: string, max: number) => {
    const error = errors[name];
    const described = error ? ` aria-describedby="${id(`${name}-error`)}" aria-invalid="true"` : '';
    const message = error
      ? `<p class="field-error" id="${id(`${name}-error`)}">${escapeHtml(error)}</p>`
      : '';
    return `<div class="field"><label for="${id(name)}">${label}</label><input type="${type}" id="${id(name)}" name="${name}" value="${escapeHtml(sent?.[name] ?? '')}" autocomplete="${autocomplete}" maxlength="${max}" required${described}>${message}</div>`;
  };
  const listed = (['name', 'email'] as const).filter((f) => errors[f]);
  const alerts = [
    sent?.problem
      ? `<div class="alert alert-error" role="alert" tabindex="-1" data-autofocus><p>${sent.problem}</p></div>`
      : '',
    listed.length > 0
      ? `<div class="alert alert-error" role="alert" tabindex="-1" data-autofocus><p><strong>Please check the form:</strong></p><ul>${listed
          .map((f) => `<li><a href="#${id(f)}">${escapeHtml(errors[f]!)}</a></li>`)
          .join('')}</ul></div>`
      : '',
  ].join('');
  const form = input.onSale
    ? `<form method="post" action="${escapeHtml(input.pagePath)}#pass-${pass.id}" class="actions">
<input type="hidden" name="passId" value="${pass.id}">
${field('name', 'Your name', 'text', 'name', 200)}
${field('email', 'E-mail', 'email', 'email', 254)}
<button class="btn btn-block" type="submit">Buy for ${escapeHtml(price)}</button>
<p class="small muted">You pay on Stripe's secure checkout page next.${input.testMode ? ' <strong>Test mode:</strong> no real payment is taken.' : ''}</p>
</form>`
    : '';
  return `<li><section class="card pass-card" id="pass-${pass.id}" aria-labelledby="pass-${pass.id}-title">
<h2 id="pass-${pass.id}-title">${escapeHtml(pass.name)}</h2>
<p class="pass-price">${escapeHtml(price)}</p>
<ul class="facts"><li>${classCount(pass.classes)}</li><li>Use within ${pass.validDays === 1 ? '1 day' : `${pass.validDays} days`} of buying</li></ul>
<p class="pass-covers">${coversText(pass.workshops, input.brand.name)}</p>
${alerts}${form}</section></li>`;
}

export const PASS_NOT_FOUND = passPage(
  'Pass not found',
  undefined,
  `<div class="wrap narrow stack manage passes-list"><h1>Pass not found</h1><p class="error">We couldn't find this pass. Please open the link from your pass e-mail again, exactly as it was sent.</p></div>`,
);

const STATE_HEADINGS: Record<PassForStudent['pass']['status'], string> = {
  active: 'Active',
  pending: 'Awaiting payment',
  expired: 'Expired',
  unpaid: 'Not paid',
};

const ENTRY_LABELS: Record<PassForStudent['history'][number]['kind'], string> = {
  purchase: 'Bought',
  booking: 'Class booked',
  booking_return: 'Booking cancelled: class given back',
  adjustment: `Changed by the school`,
};

/** A bought pass behind its manage link: balance, validity, what it covers, its history. */
export function renderPassManagePage(
  view: PassForStudent,
  brand: PassBrand,
  shown: { checkout?: 'success' | 'cancelled' | undefined; passesUrl: string | null; now: Date },
): RenderedPage {
  const { pass, payment, tenant } = view;
  const zone = tenant.timeZone;
  const at = (date: Date) => time(date, passDate(date, zone));
  const notices: string[] = [];
  if (shown.checkout === 'success' && pass.status === 'active') {
    notices.push(
      `<p class="alert alert-ok" role="status"><strong>Payment received — your pass is ready.</strong> A receipt is on its way to ${escapeHtml(pass.buyer.email)}.</p>`,
    );
  } else if (shown.checkout === 'success' && pass.status === 'pending') {
    notices.push(
      `<p class="alert alert-info" role="status"><strong>We're confirming your payment…</strong> This usually takes a few seconds: reload this page in a moment.</p>`,
    );
  } else if (shown.checkout === 'cancelled' && pass.status !== 'active') {
    notices.push(
      '<p class="alert alert-info" role="status"><strong>Payment cancelled.</strong> You have not been charged.</p>',
    );
  }
  const price = formatMoney(payment.amount, payment.currency);
  let status: string;
  switch (pass.status) {
    case 'active':
      status = `<p class="balance">${classCount(pass.creditsRemaining)} left of ${pass.classes}</p><p>Use ${pass.creditsRemaining === 1 ? 'it' : 'them'} by ${at(pass.expiresAt!)}.</p>`;
      break;
    case 'expired':
      status = `<p>This pass expired on ${at(pass.expiresAt!)}${pass.creditsRemaining > 0 ? ` with ${classCount(pass.creditsRemaining)} unused` : ''}.</p>`;
      break;
    case 'pending': {
      const checkoutUrl = payment.checkoutUrl ? webUrl(payment.checkoutUrl) : null;
      status = checkoutUrl
        ? `<p>Your pass is ready to use once you have paid ${escapeHtml(price)}.</p><p class="pay"><a href="${escapeHtml(checkoutUrl)}">Pay now</a></p>`
        : `<p>The payment for this pass was not completed in time. If you paid, it is confirmed shortly; otherwise you have not been charged.</p>`;
      break;
    }
    default:
      status =
        '<p>The payment for this pass was not completed, so it was never active. You have not been charged.</p>';
  }
  const details: Array<[string, string]> = [
    ['Covers', coversText(pass.workshops, tenant.name)],
    ['Bought by', `${escapeHtml(pass.buyer.name)} (${escapeHtml(pass.buyer.email)})`],
    ['Price', `${escapeHtml(price)}${payment.status === 'paid' ? ' — paid' : ''}`],
    ['Pass reference', escapeHtml(pass.uid)],
  ];
  const sections = [
    `<h1>${escapeHtml(pass.name)}</h1>`,
    ...notices,
    `<section class="card"><h2>Status: ${STATE_HEADINGS[pass.status]}</h2>${status}
<dl class="details">${details.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join('')}</dl></section>`,
  ];
  if (pass.status === 'active') {
    sections.push(
      `<section class="card"><h2>How to use it</h2><p>Book a class it covers with <strong>${escapeHtml(pass.buyer.email)}</strong>: the pass pays for your seat, with no payment at booking. Cancelling within the class's refund window gives the class back to your pass; a later cancellation does not.</p></section>`,
    );
  }
  if (view.history.length > 0) {
    const rows = view.history.map((entry) => {
      const what = entry.booking
        ? `${ENTRY_LABELS[entry.kind]}: ${escapeHtml(entry.booking.title)}, ${at(entry.booking.startTime)}`
        : entry.reason
          ? `${ENTRY_LABELS[entry.kind]}: ${escapeHtml(entry.reason)}`
          : ENTRY_LABELS[entry.kind];
      const change = entry.change > 0 ? `+${entry.change}` : `${entry.change}`;
      return `<tr><td>${at(entry.at)}</td><td>${what}</td><td class="num">${change}</td><td class="num">${entry.balance}</td></tr>`;
    });
    sections.push(
      `<section class="card"><h2>History</h2><table class="history"><caption class="visually-hidden">Changes to your pass, newest first</caption><thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">Classes</th><th scope="col">Left</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`,
    );
  }
  const links = [
    brand.homeUrl
      ? `<a href="${escapeHtml(brand.homeUrl)}">Book a class at ${escapeHtml(tenant.name)}</a>`
      : '',
    shown.passesUrl
      ? `<a href="${escapeHtml(shown.passesUrl)}">See ${escapeHtml(tenant.name)}'s passes</a>`
      : '',
  ].filter(Boolean);
  if (links.length > 0) sections.push(`<p>${links.join(' · ')}</p>`);
  return passPage(
    `${pass.name} — your class pass`,
    brand,
    `<div class="wrap narrow stack manage passes-list">${sections.join('\n')}</div>`,
  );
}
