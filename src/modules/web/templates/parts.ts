import { escapeHtml as e } from '../../../lib/html.ts';
import { type MessageKey, trustedHtml } from '../../../lib/i18n/translator.ts';
import { VARIANT_WIDTHS } from '../../landing/image.ts';
import { paragraphs } from '../landing-format.ts';
import type { LandingModel, TemplateId, WorkshopItem } from '../landing-model.ts';

// Pieces every landing template uses. Each returns trusted HTML: every value from the tenant or
// its teachers goes through escapeHtml (aliased `e`) here or in the template.

export interface LandingTemplate {
  id: TemplateId;
  /** CSS after the shared sheet and the landing rules (landing-css.ts). System fonts only. */
  css: string;
  /**
   * The light backgrounds the template puts brand-coloured text on; the theme darkens the brand
   * colour as text until it reads on the darkest of them.
   */
  surfaces: readonly string[];
  /** Fixed [text, background] colour pairs the template's CSS uses, checked for 4.5:1 in tests. */
  palette: ReadonlyArray<readonly [string, string]>;
  body(model: LandingModel): string;
  /** The image most likely to be the largest paint, preloaded (never lazy). */
  leadImage(model: LandingModel): string | null;
}

export function skipLink(m: LandingModel): string {
  return `<a class="skip" href="#main">${m.tr.html('landing.skipToMain')}</a>`;
}

export function previewBanner(m: LandingModel): string {
  if (!m.preview) return '';
  const { tr } = m;
  return `<aside class="preview-banner" aria-label="${tr.html('landing.preview.label')}"><div class="wrap"><strong>${tr.html('landing.preview.title')}</strong> ${tr.html('landing.preview.text')}</div></aside>`;
}

/**
 * Widths offered for each kind of image, and the one `src` names (what a browser without srcset
 * loads, and what the hero preload fetches). The hero's `src` is 960: what a phone (~400 CSS px at
 * 2×) picks from the srcset, so the preload and the image agree where Lighthouse measures. Logos and
 * avatars are shown at most 14rem (224 px) wide, so 640 covers 2.5×.
 */
const IMAGE_WIDTHS = {
  hero: { widths: VARIANT_WIDTHS, src: 960 },
  small: { widths: [320, 640], src: 320 },
} as const;

type ImageKind = keyof typeof IMAGE_WIDTHS;

// An upload's URL path (`UPLOADS_PATH` in the landing module), served in VARIANT_WIDTHS with `?w=`.
const UPLOAD_PATH = /^\/uploads\/[0-9a-f]{32}\.(?:png|jpg|webp|gif)$/;

/**
 * Whether `url` is one of our uploads: `/uploads/<id>.<ext>`, or that on PUBLIC_BASE_URL. Any other
 * image (another host, a query string) is used as it is.
 */
export function isUploadUrl(url: string, publicBaseUrl: string | null): boolean {
  if (url.startsWith('/')) return UPLOAD_PATH.test(url);
  if (!publicBaseUrl) return false;
  try {
    const image = new URL(url);
    const base = new URL(publicBaseUrl);
    const prefix = base.pathname.replace(/\/+$/, '');
    return (
      image.origin === base.origin &&
      image.search === '' &&
      image.hash === '' &&
      image.pathname.startsWith(`${prefix}/`) &&
      UPLOAD_PATH.test(image.pathname.slice(prefix.length))
    );
  } catch {
    return false;
  }
}

/** The URL an image's `src` names: a moderate width of an upload, or the URL itself. */
export function imageSrc(m: LandingModel, url: string, kind: ImageKind): string {
  return isUploadUrl(url, m.publicBaseUrl) ? `${url}?w=${IMAGE_WIDTHS[kind].src}` : url;
}

/** `src`, plus `srcset` and `sizes` (how wide the template shows it) for an upload. */
function sourceAttributes(m: LandingModel, url: string, kind: ImageKind, sizes: string): string {
  const src = `src="${e(imageSrc(m, url, kind))}"`;
  if (!isUploadUrl(url, m.publicBaseUrl)) return src;
  const srcset = IMAGE_WIDTHS[kind].widths.map((w) => `${url}?w=${w} ${w}w`).join(', ');
  return `${src} srcset="${e(srcset)}" sizes="${e(sizes)}"`;
}

/** The school's logo (alt = its name) or its name, linking to the landing page. */
export function brandLink(m: LandingModel, className = 'site-name'): string {
  // Shown 2.5rem high and at most 12rem wide (base-css.ts).
  const inner = m.logoUrl
    ? `<img class="logo" ${sourceAttributes(m, m.logoUrl, 'small', '12rem')} alt="${e(m.schoolName)}" width="160" height="40">`
    : `<span>${e(m.schoolName)}</span>`;
  return `<a class="${className}" href="${e(m.homeUrl)}">${inner}</a>`;
}

/**
 * The hero: decorative (the heading says it all), sized to avoid layout shift, loaded first.
 * `sizes` says how wide the template shows it; the template's leadImage preloads `heroSrc`.
 */
export function heroImage(m: LandingModel, className: string, sizes = '100vw'): string {
  if (!m.heroUrl) return '';
  return `<img class="hero-img ${className}" ${sourceAttributes(m, m.heroUrl, 'hero', sizes)} alt="" width="1600" height="900" fetchpriority="high">`;
}

/** What heroImage's `src` loads, to preload it; null without a hero. */
export function heroSrc(m: LandingModel): string | null {
  return m.heroUrl ? imageSrc(m, m.heroUrl, 'hero') : null;
}

export function avatarImage(
  m: LandingModel,
  url: string,
  options: { className: string; size: number; sizes: string; alt: string; lazy: boolean },
): string {
  const lazy = options.lazy ? ' loading="lazy" decoding="async"' : '';
  return `<img class="${options.className}" ${sourceAttributes(m, url, 'small', options.sizes)} alt="${e(options.alt)}" width="${options.size}" height="${options.size}"${lazy}>`;
}

/** What avatarImage's `src` loads, for a template that preloads the avatar. */
export function avatarSrc(m: LandingModel, url: string): string {
  return imageSrc(m, url, 'small');
}

/** Initials in a circle where there is no photo (decorative: the name is written next to it). */
export function initials(name: string, className: string): string {
  const letters = name
    .split(/\s+/)
    .filter((word) => /\p{L}|\p{N}/u.test(word))
    .slice(0, 2)
    .map((word) => [...word][0]!.toUpperCase())
    .join('');
  return `<span class="${className}" aria-hidden="true">${e(letters || '•')}</span>`;
}

export function ctaLink(m: LandingModel, className = 'btn'): string {
  return `<a class="${className}" href="#workshops">${e(m.ctaText)}</a>`;
}

/** The workshop's page; its title completes the link's accessible name. */
export function bookLink(m: LandingModel, w: WorkshopItem, className = 'btn'): string {
  // The visible words first in the accessible name, so voice control finds the link by them.
  return `<a class="${className}" href="${e(w.bookingUrl)}" aria-label="${m.tr.html('landing.bookFor', { title: w.title })}">${m.tr.html('landing.book')}</a>`;
}

/** The next session in the school's zone (rewritten in the visitor's by site.js). */
export function nextTime(m: LandingModel, w: WorkshopItem): string {
  return w.next
    ? `<time datetime="${e(w.next.iso)}" data-local="datetime">${e(w.next.text)}</time>`
    : `<span class="tba">${m.tr.html('landing.newDatesSoon')}</span>`;
}

/** A message around the next session's time, e.g. "Next class: {time}". */
export function nextTimeIn(m: LandingModel, w: WorkshopItem, key: MessageKey): string {
  return m.tr.html(key, { time: trustedHtml(nextTime(m, w)) });
}

export function seatsBadge(w: WorkshopItem, className = 'seats'): string {
  if (!w.seats) return '';
  const state = w.soldOut ? ' seats-full' : w.availableSeats <= 3 ? ' seats-low' : '';
  return `<span class="${className}${state}">${e(w.seats)}</span>`;
}

export function bio(m: LandingModel): string {
  return m.bio ? paragraphs(m.bio) : '';
}

export function emptyState(title: string, text: string, className = 'empty'): string {
  return `<div class="${className}"><h3>${e(title)}</h3><p>${e(text)}</p></div>`;
}

export function socialLinks(m: LandingModel, className = 'social'): string {
  if (m.social.length === 0) return '';
  const items = m.social
    .map(
      (link) =>
        `<li><a href="${e(link.url)}" rel="me noopener">${e(link.label)}<span class="visually-hidden"> — ${e(m.schoolName)}</span></a></li>`,
    )
    .join('');
  return `<nav aria-label="${m.tr.html('landing.socialLabel', { school: m.schoolName })}"><ul class="${className}">${items}</ul></nav>`;
}

export function siteFooter(m: LandingModel, note: string, options: { social?: boolean } = {}): string {
  const social = options.social === false ? '' : socialLinks(m);
  return `<footer class="site-footer"><div class="wrap">${social}<p>${e(note)}</p><p class="small">© ${e(m.schoolName)} · ${m.tr.html('landing.footer.note')}</p></div></footer>`;
}

/** The lowest price on offer, for summaries ("From $9.00"); null when nothing is listed. */
export function lowestPrice(workshops: WorkshopItem[]): WorkshopItem | null {
  return workshops.reduce<WorkshopItem | null>(
    (low, w) => (low === null || w.amount < low.amount ? w : low),
    null,
  );
}

/** "Taught in French" when the workshop names the language it is taught in, else nothing. */
export function taughtIn(m: LandingModel, w: WorkshopItem, className = 'small'): string {
  if (!w.teachingLanguage) return '';
  const attr = className ? ` class="${className}"` : '';
  return `<p${attr}>${m.tr.html('common.taughtIn', { language: m.tr.languageName(w.teachingLanguage) })}</p>`;
}
