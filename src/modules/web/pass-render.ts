import { escapeHtml } from '../../lib/html.ts';
import { type Translator, trustedHtml } from '../../lib/i18n/translator.ts';
import { webUrl } from '../../lib/web-url.ts';
import type { PassForStudent } from '../passes/get-pass-for-student.ts';
import type { RenderedPage } from './layout.ts';
import { time } from './manage-page-sections.ts';
import { ENGLISH_PAGE, type PrivateLanguage, perLanguage, privatePage } from './private-page.ts';

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
  /** The page's language (English when not given). */
  language?: PrivateLanguage | undefined;
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
function passPage(
  title: string,
  brand: PassBrand | undefined,
  main: string,
  language: PrivateLanguage,
  formActions?: string[],
) {
  return privatePage({
    title,
    brand,
    main,
    mainClass: '',
    css: PASS_CSS,
    language,
    formActions,
    indexed: formActions !== undefined,
  });
}

function classCount(tr: Translator, count: number): string {
  return tr.html('passes.classes', { count });
}

function coversText(tr: Translator, workshops: Array<{ title: string }> | null, school: string): string {
  if (workshops === null) return tr.html('passes.covers.all', { school });
  if (workshops.length === 0) return tr.html('passes.covers.gone');
  return tr.html('passes.covers.some', { classes: tr.list(workshops.map((w) => w.title)) });
}

/** A school's passes, each with its buy form. */
export function renderPassesPage(input: PassesPageInput): RenderedPage {
  const language = input.language ?? ENGLISH_PAGE;
  const { tr } = language;
  const school = input.brand.name;
  const cards = input.passes.map((pass) => passCard(input, pass, tr));
  const list =
    input.passes.length === 0
      ? `<p>${tr.html('passes.none', { school })}</p>`
      : `<ul class="cards">${cards.join('')}</ul>`;
  const closed = input.onSale
    ? ''
    : `<p class="alert alert-info">${tr.html('passes.closed', { school })}</p>`;
  const main = `<div class="band"><div class="wrap"><h1>${tr.html('passes.heading')}</h1>
<p class="passes-intro">${tr.html('passes.intro')}</p></div></div>
<div class="wrap stack passes-list">${closed}${list}</div>`;
  return passPage(tr.t('passes.title', { school }), input.brand, main, language, input.formActions);
}

function passCard(input: PassesPageInput, pass: PassOnSale, tr: Translator): string {
  const sent = input.submitted?.passId === pass.id ? input.submitted : undefined;
  const errors = sent?.errors ?? {};
  const id = (field: string) => `${field}-${pass.id}`;
  const price = tr.money(pass.price, pass.currency);
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
      ? `<div class="alert alert-error" role="alert" tabindex="-1" data-autofocus><p><strong>${tr.html('passes.form.check')}</strong></p><ul>${listed
          .map((f) => `<li><a href="#${id(f)}">${escapeHtml(errors[f]!)}</a></li>`)
          .join('')}</ul></div>`
      : '',
  ].join('');
  const testMode = input.testMode
    ? ` <strong>${tr.html('passes.form.testMode')}</strong> ${tr.html('passes.form.testModeBody')}`
    : '';
  const form = input.onSale
    ? `<form method="post" action="${escapeHtml(input.pagePath)}#pass-${pass.id}" class="actions">
<input type="hidden" name="passId" value="${pass.id}">
${field('name', tr.html('passes.form.name'), 'text', 'name', 200)}
${field('email', tr.html('passes.form.email'), 'email', 'email', 254)}
<button class="btn btn-block" type="submit">${tr.html('passes.form.buy', { price })}</button>
<p class="small muted">${tr.html('passes.form.stripe')}${testMode}</p>
</form>`
    : '';
  return `<li><section class="card pass-card" id="pass-${pass.id}" aria-labelledby="pass-${pass.id}-title">
<h2 id="pass-${pass.id}-title">${escapeHtml(pass.name)}</h2>
<p class="pass-price">${escapeHtml(price)}</p>
<ul class="facts"><li>${classCount(tr, pass.classes)}</li><li>${tr.html('passes.validity', { days: pass.validDays })}</li></ul>
<p class="pass-covers">${coversText(tr, pass.workshops, input.brand.name)}</p>
${alerts}${form}</section></li>`;
}

export const passNotFoundPage = perLanguage((language) => {
  const { tr } = language;
  return passPage(
    tr.t('passes.notFound.title'),
    undefined,
    `<div class="wrap narrow stack manage passes-list"><h1>${tr.html('passes.notFound.title')}</h1><p class="error">${tr.html('passes.notFound.body')}</p></div>`,
    language,
  );
});

const STATE_KEYS = {
  active: 'passes.status.active',
  pending: 'manage.status.pending',
  expired: 'manage.status.expired',
  unpaid: 'passes.status.unpaid',
} as const satisfies Record<PassForStudent['pass']['status'], string>;

const ENTRY_KEYS = {
  purchase: 'passes.entry.purchase',
  booking: 'passes.entry.booking',
  booking_return: 'passes.entry.bookingReturn',
  adjustment: 'passes.entry.adjustment',
} as const satisfies Record<PassForStudent['history'][number]['kind'], string>;

/** A bought pass behind its manage link: balance, validity, what it covers, its history. */
export function renderPassManagePage(
  view: PassForStudent,
  brand: PassBrand,
  shown: { checkout?: 'success' | 'cancelled' | undefined; passesUrl: string | null; now: Date },
  language: PrivateLanguage = ENGLISH_PAGE,
): RenderedPage {
  const { tr } = language;
  const { pass, payment, tenant } = view;
  const zone = tenant.timeZone;
  const at = (date: Date) => time(date, tr.dateTime(date, zone));
  const notices: string[] = [];
  if (shown.checkout === 'success' && pass.status === 'active') {
    notices.push(
      `<p class="alert alert-ok" role="status"><strong>${tr.html('passes.checkout.paid')}</strong> ${tr.html('passes.checkout.receipt', { email: pass.buyer.email })}</p>`,
    );
  } else if (shown.checkout === 'success' && pass.status === 'pending') {
    notices.push(
      `<p class="alert alert-info" role="status"><strong>${tr.html('manage.checkout.confirming')}</strong> ${tr.html('passes.checkout.reload')}</p>`,
    );
  } else if (shown.checkout === 'cancelled' && pass.status !== 'active') {
    notices.push(
      `<p class="alert alert-info" role="status"><strong>${tr.html('manage.checkout.cancelled')}</strong> ${tr.html('manage.checkout.notCharged')}</p>`,
    );
  }
  const price = tr.money(payment.amount, payment.currency);
  let status: string;
  switch (pass.status) {
    case 'active':
      status = `<p class="balance">${tr.html('passes.balance', { count: pass.creditsRemaining, total: pass.classes })}</p><p>${tr.html('passes.useBy', { count: pass.creditsRemaining, date: trustedHtml(at(pass.expiresAt!)) })}</p>`;
      break;
    case 'expired':
      status = `<p>${tr.html('passes.expiredOn', { date: trustedHtml(at(pass.expiresAt!)), unused: pass.creditsRemaining })}</p>`;
      break;
    case 'pending': {
      const checkoutUrl = payment.checkoutUrl ? webUrl(payment.checkoutUrl) : null;
      status = checkoutUrl
        ? `<p>${tr.html('passes.payFirst', { price })}</p><p class="pay"><a href="${escapeHtml(checkoutUrl)}">${tr.html('manage.payNow')}</a></p>`
        : `<p>${tr.html('passes.payLapsed')}</p>`;
      break;
    }
    default:
      status = `<p>${tr.html('passes.neverActive')}</p>`;
  }
  const details: Array<[string, string]> = [
    [tr.html('passes.detail.covers'), coversText(tr, pass.workshops, tenant.name)],
    [tr.html('passes.detail.buyer'), `${escapeHtml(pass.buyer.name)} (${escapeHtml(pass.buyer.email)})`],
    [
      tr.html('manage.detail.price'),
      `${escapeHtml(price)}${payment.status === 'paid' ? ` — ${tr.html('manage.payment.paid')}` : ''}`,
    ],
    [tr.html('passes.detail.reference'), escapeHtml(pass.uid)],
  ];
  const sections = [
    `<h1>${escapeHtml(pass.name)}</h1>`,
    ...notices,
    `<section class="card"><h2>${tr.html('manage.statusHeading', { status: tr.t(STATE_KEYS[pass.status]) })}</h2>${status}
<dl class="details">${details.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join('')}</dl></section>`,
  ];
  if (pass.status === 'active') {
    const email = trustedHtml(`<strong>${escapeHtml(pass.buyer.email)}</strong>`);
    sections.push(
      `<section class="card"><h2>${tr.html('passes.howTo.heading')}</h2><p>${tr.html('passes.howTo.body', { email })}</p></section>`,
    );
  }
  if (view.history.length > 0) {
    const rows = view.history.map((entry) => {
      const label = tr.html(ENTRY_KEYS[entry.kind]);
      const what = entry.booking
        ? `${label}: ${escapeHtml(entry.booking.title)}, ${at(entry.booking.startTime)}`
        : entry.reason
          ? `${label}: ${escapeHtml(entry.reason)}`
          : label;
      const change = entry.change > 0 ? `+${entry.change}` : `${entry.change}`;
      return `<tr><td>${at(entry.at)}</td><td>${what}</td><td class="num">${change}</td><td class="num">${entry.balance}</td></tr>`;
    });
    const head = (['when', 'what', 'classes', 'left'] as const)
      .map((col) => `<th scope="col">${tr.html(`passes.history.${col}`)}</th>`)
      .join('');
    sections.push(
      `<section class="card"><h2>${tr.html('passes.history.heading')}</h2><table class="history"><caption class="visually-hidden">${tr.html('passes.history.caption')}</caption><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></section>`,
    );
  }
  const links = [
    brand.homeUrl
      ? `<a href="${escapeHtml(brand.homeUrl)}">${tr.html('passes.link.book', { school: tenant.name })}</a>`
      : '',
    shown.passesUrl
      ? `<a href="${escapeHtml(shown.passesUrl)}">${tr.html('passes.link.passes', { school: tenant.name })}</a>`
      : '',
  ].filter(Boolean);
  if (links.length > 0) sections.push(`<p>${links.join(' · ')}</p>`);
  return passPage(
    tr.t('passes.manageTitle', { name: pass.name }),
    brand,
    `<div class="wrap narrow stack manage passes-list">${sections.join('\n')}</div>`,
    language,
  );
}
