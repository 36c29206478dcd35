import { escapeHtml } from '../../lib/html.ts';
import { intlLocale } from '../../lib/i18n/dates.ts';
import type { Locale } from '../../lib/i18n/locales.schema.ts';
import { type Translator, translator, trustedHtml } from '../../lib/i18n/translator.ts';
import { isValidTimeZone } from '../../lib/time-zones.ts';
import { webUrl } from '../../lib/web-url.ts';
import type { TenantBrand } from '../public/tenant-brand.ts';
import { landingTheme, landingThemeCss } from './landing-theme.ts';

// Pieces shared by the workshop page (workshop-page.ts) and the booking manage page
// (manage-page.ts): the school's header and colours, times with their zone
// named, prices, the policy in words, and the time zone list.

/**
 * Where Stripe Checkout pages live, when payments are set up: a booking form that may be
 * redirected there needs it in its CSP `form-action` (browsers check the redirect's target too).
 */
export function checkoutOrigin(deps: {
  stripe?: { checkoutOrigin?: string } | undefined;
}): string | undefined {
  return deps.stripe?.checkoutOrigin;
}

/** The page background (site.css `--bg`): brand-coloured text must read on it too. */
const PAGE_SURFACES = ['#f7f7f5'];

/**
 * The school's landing colours as the page's theme, computed as its landing page does (fills
 * nudged until their text reads at 4.5:1), so its pages match its landing page.
 */
export function brandCss(
  brand: { primaryColor: string | null; secondaryColor: string | null } | undefined,
): string {
  return landingThemeCss(landingTheme(brand?.primaryColor, brand?.secondaryColor, PAGE_SURFACES));
}

/** The school's header: logo and name, linking to its landing page when that is published. */
export function siteHeader(
  brand: Pick<TenantBrand, 'name' | 'logoUrl'>,
  homeUrl: string | null,
  tr: Translator = translator(),
): string {
  const logo = imageUrl(brand.logoUrl);
  const inner = `${logo ? `<img src="${escapeHtml(logo)}" alt="" height="40">` : ''}<span class="site-name">${escapeHtml(brand.name)}</span>`;
  const home = homeUrl
    ? `<a class="site-home" href="${escapeHtml(homeUrl)}">${inner}</a>`
    : `<span class="site-home">${inner}</span>`;
  return `<a class="skip" href="#main">${tr.html('site.skipToContent')}</a><header class="site-header"><div class="wrap">${home}</div></header>`;
}

export function siteFooter(
  brand: Pick<TenantBrand, 'name'>,
  homeUrl: string | null,
  tr: Translator = translator(),
): string {
  const name = escapeHtml(brand.name);
  const school = homeUrl ? `<a href="${escapeHtml(homeUrl)}">${name}</a>` : name;
  return `<footer class="site-footer"><div class="wrap"><p>${tr.html('site.footer', { school: trustedHtml(school) })}</p></div></footer>`;
}

/** An image URL a page may show: http(s), or a path on this service (uploads). */
export function imageUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  if (value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\')) return value;
  return webUrl(value);
}

/** Text as paragraphs: blank lines separate them, single line breaks are kept. */
export function textBlocks(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter((block) => block !== '')
    .map((block) => `<p>${escapeHtml(block).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

// ---------------------------------------------------------------------------------------------
// Times

const slotFormats = new Map<
  string,
  { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat; day: Intl.DateTimeFormat }
>();

function formatsFor(zone: string, locale: Locale) {
  const key = `${locale} ${zone}`;
  let formats = slotFormats.get(key);
  if (!formats) {
    const intl = intlLocale(locale);
    formats = {
      date: new Intl.DateTimeFormat(intl, {
        timeZone: zone,
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
      time: new Intl.DateTimeFormat(intl, {
        timeZone: zone,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
      day: new Intl.DateTimeFormat('en-CA', {
        timeZone: zone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }),
    };
    if (slotFormats.size < 1000) slotFormats.set(key, formats);
  }
  return formats;
}

/** "America/New York": the zone as people read it (IANA names are the same in every language). */
export function zoneLabel(zone: string): string {
  return zone.replace(/_/g, ' ');
}

/**
 * "Tue, 3 Dec 2024, 18:00–19:00 (Europe/Berlin)": a session in `zone`, the zone named, in the
 * reader's language ("mar. 3 déc. 2024, 18:00–19:00 (Europe/Berlin)").
 */
export function formatSlot(start: Date, end: Date, zone: string, tr: Translator = translator()): string {
  const { date, time, day } = formatsFor(zone, tr.locale);
  const sameDay = day.format(start) === day.format(end);
  const until = sameDay ? time.format(end) : date.format(end);
  return `${date.format(start)}–${until} (${zoneLabel(zone)})`;
}

/**
 * A session as `<time>`: the server's text in `zone`; with `localize`, site.js rewrites it in the
 * visitor's own zone (a zone the visitor picked with `?tz=` is left alone).
 */
export function slotTime(
  start: Date,
  end: Date,
  zone: string,
  localize: boolean,
  tr: Translator = translator(),
): string {
  const data = localize ? ` data-local="datetime" data-end="${end.toISOString()}"` : '';
  return `<time datetime="${start.toISOString()}"${data}>${escapeHtml(formatSlot(start, end, zone, tr))}</time>`;
}

/** "45 minutes", "1 hour", "1 hour 30 minutes". */
export function formatDuration(minutes: number, tr: Translator = translator()): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const parts = [
    h > 0 ? tr.t('workshop.duration.hours', { count: h }) : '',
    m > 0 ? tr.t('workshop.duration.minutes', { count: m }) : '',
  ];
  return parts.filter(Boolean).join(' ') || tr.t('workshop.duration.minutes', { count: minutes });
}

/**
 * The workshop's cancellation and refund rules in plain words, e.g. "Cancel online up to
 * 24 hours before the start. Cancellations at least 48 hours before are refunded in full; later
 * ones are not refunded." Both deadlines are inclusive (bookings/policy.ts).
 */
export function policySentences(
  policy: {
    cancellationNoticeHours: number;
    refundWindowHours: number;
    paid: boolean;
  },
  tr: Translator = translator(),
): string[] {
  const notice = policy.cancellationNoticeHours;
  const lines = [
    notice === 0 ? tr.t('policy.cancelUntilStart') : tr.t('policy.cancelBefore', { hours: notice }),
  ];
  if (!policy.paid) return lines;
  if (policy.refundWindowHours <= notice) {
    lines.push(tr.t('policy.refundAll'));
  } else {
    lines.push(tr.t('policy.refundBefore', { hours: policy.refundWindowHours }));
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Time zones

let zoneList: string[] | undefined;

/** Every IANA zone the runtime knows (plus UTC), in its own order (by region). */
export function timeZones(): string[] {
  if (!zoneList) {
    const zones = Intl.supportedValuesOf('timeZone');
    zoneList = zones.includes('UTC') ? zones : [...zones, 'UTC'];
  }
  return zoneList;
}

const optionCache = new Map<string, string>();

/** `<option>`s for every zone, `selected` on one (added to the list if the runtime lists it elsewise). */
export function timeZoneOptions(selected: string): string {
  let html = optionCache.get(selected);
  if (html) return html;
  const zones = timeZones().includes(selected) ? timeZones() : [selected, ...timeZones()];
  html = zones
    .map(
      (zone) =>
        `<option value="${escapeHtml(zone)}"${zone === selected ? ' selected' : ''}>${escapeHtml(zoneLabel(zone))}</option>`,
    )
    .join('');
  if (optionCache.size < 200) optionCache.set(selected, html);
  return html;
}

/** A zone from the query or a form, if it is a real one. */
export function knownZone(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const zone = value.trim();
  return zone.length > 0 && zone.length <= 64 && isValidTimeZone(zone) ? zone : undefined;
}

// ---------------------------------------------------------------------------------------------
// Styles of the booking pages (after the shared sheet and the theme).

export const BOOKING_CSS = `
.site-home{display:inline-flex;align-items:center;gap:.75rem;min-height:44px;color:var(--text);text-decoration:none}
.site-home:hover .site-name{text-decoration:underline}
.site-footer p{margin:0}
.band{background:var(--brand);color:var(--brand-ink);padding:2rem 0 2.25rem}
.band h1{margin:0 0 .75rem;overflow-wrap:anywhere}
.band a{color:inherit}
.band-facts{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0;margin:0}
.band-facts li{border:1px solid currentColor;border-radius:1rem;padding:.2rem .8rem;font-weight:600}
.band .btn{margin-top:1.25rem;background:var(--brand-ink);color:var(--brand);border-color:var(--brand-ink)}
.band .btn:focus-visible{outline-color:var(--brand-ink)}
.workshop-layout{display:grid;gap:1.5rem;padding-top:2rem;padding-bottom:3rem}
.workshop-info{min-width:0}
.workshop-info>section+section{margin-top:2rem}
.workshop-info h2{margin-top:0}
.description{overflow-wrap:anywhere}
.teacher{display:flex;gap:1rem;align-items:flex-start}
.teacher .avatar{flex:none}
.teacher-name{font-weight:700;margin:0 0 .25rem}
.policy{padding-left:1.25rem;margin:0}
.policy li+li{margin-top:.4rem}
.booking-panel h2{margin-top:0}
.booking-panel .slot{cursor:pointer;min-height:44px;font-weight:400;margin:0}
.slot time{font-weight:600}
.slot:has(input:checked){border-color:var(--brand-text);box-shadow:inset 0 0 0 1px var(--brand-text)}
.slot:has(input:focus-visible){outline:3px solid var(--brand-text);outline-offset:2px}
.slot.full{cursor:not-allowed}
.slot-text{display:flex;flex-direction:column}
.slot-seats{font-size:.9rem;color:var(--muted)}
.slot-seats.few{color:var(--err);font-weight:600}
.tz-form{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end;margin:0 0 1.25rem}
.tz-form .field{flex:1 1 12rem;margin:0}
.tz-form .btn{padding:.55rem 1rem}
.field-error{color:var(--err);font-weight:600;margin:.3rem 0 0}
input[aria-invalid=true],select[aria-invalid=true]{border:2px solid var(--err)}
.card>h2:first-child{margin-top:0}
.manage h1{margin-bottom:0}
[data-autofocus]:focus{outline:3px solid var(--err);outline-offset:2px}
.alert ul{margin:.25rem 0 0;padding-left:1.25rem}
.alert a{color:inherit}
.alert p:last-child{margin-bottom:0}
.signed-in{font-size:.95rem}
.sso{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;margin:0 0 1.25rem}
.or{display:flex;align-items:center;gap:.75rem;color:var(--muted);font-size:.9rem;margin:0 0 1rem}
.or::before,.or::after{content:"";flex:1;border-top:1px solid var(--line)}
.stack>*+*{margin-top:1.25rem}
.error{background:var(--err-bg);color:var(--err);border:1px solid #f3b7c2;border-radius:10px;padding:.85rem 1rem}
.pay a,.calendar a{display:inline-flex;align-items:center;min-height:44px;padding:.6rem 1.25rem;border-radius:999px;font-weight:650;text-decoration:none}
.pay a{background:var(--brand);color:var(--brand-ink);border:2px solid var(--brand)}
.calendar a{border:2px solid currentColor;color:var(--brand-text)}
.btn-danger{background:var(--err);border-color:var(--err);color:#fff}
.more-slots{margin-top:.5rem}
.more-slots summary{display:flex;align-items:center;min-height:44px;cursor:pointer;font-weight:600;color:var(--brand-text)}
.more-slots .slots{margin-top:.25rem}
@media (min-width:60rem){
.workshop-layout{grid-template-columns:minmax(0,1fr) 25rem;align-items:start;gap:2.5rem}
.band .jump{display:none}
}
@media (max-width:40rem){.teacher .avatar{width:3rem;height:3rem}}
`
  .replace(/\n/g, '')
  .trim();
