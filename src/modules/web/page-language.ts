import type { FastifyReply, FastifyRequest } from 'fastify';
import { escapeHtml } from '../../lib/html.ts';
import { DEFAULT_LOCALE, LOCALE_NAMES, type Locale, toLocale } from '../../lib/i18n/locales.schema.ts';
import {
  type LanguageSource as ChosenBy,
  chooseLanguage,
  offeredLanguages,
} from '../../lib/i18n/negotiate.ts';
import { type Translator, translator } from '../../lib/i18n/translator.ts';

// The language of a public page (issue 18): `?lang=` (the switcher's links), then the `lang`
// cookie the switcher's choice leaves, then Accept-Language among the school's languages, then
// the school's default. A page whose language came from the URL is the same for everyone at that
// URL; the others vary by Accept-Language and Cookie, which every page's Vary names.

export const LANGUAGE_COOKIE = 'lang';
const COOKIE_MAX_AGE_S = 365 * 86_400;

/** What a school says about its pages' languages (tenants.default_language, page_languages). */
export interface SchoolLanguages {
  defaultLanguage: string;
  pageLanguages: readonly string[] | null;
}

/** Where a page's language came from: the negotiation's sources, or the student's stored language. */
export type LanguageSource = ChosenBy | 'stored';

export interface PageLanguage {
  tr: Translator;
  locale: Locale;
  source: LanguageSource;
  /** The languages the school's pages offer, the default among them. */
  offered: Locale[];
  schoolDefault: Locale;
  /**
   * Every language link carries `?lang=`, the default's too: a private page's bare URL shows the
   * language stored on the booking, not the school's default, so only an explicit one switches.
   */
  explicitUrls?: boolean;
}

/**
 * The page's language. `stored` is the language a student's own record was made in (a booking's,
 * waitlist entry's or pass's): the private pages behind a secret link put it after the explicit
 * choices (`?lang=`, the cookie) and before Accept-Language, because it is what the student chose
 * when booking, while their browser may be someone else's (issue 18).
 */
export function pageLanguage(
  req: FastifyRequest,
  school: SchoolLanguages | null | undefined,
  stored?: string | null,
): PageLanguage {
  const schoolDefault = toLocale(school?.defaultLanguage) ?? DEFAULT_LOCALE;
  const offered = offeredLanguages(school?.pageLanguages ?? null);
  if (!offered.includes(schoolDefault)) offered.unshift(schoolDefault);
  const query = queryLanguage(req);
  const cookie = cookieValue(req.headers.cookie, LANGUAGE_COOKIE);
  const { locale, source } = chooseLanguage({
    query,
    cookie,
    acceptLanguage: req.headers['accept-language'],
    offered,
    schoolDefault,
  });
  const explicitUrls = stored !== undefined;
  const storedLocale = toLocale(stored ?? undefined);
  // The student's own language stands even if the school has narrowed its pages' languages since.
  if (storedLocale && (source === 'header' || source === 'default')) {
    if (!offered.includes(storedLocale)) offered.push(storedLocale);
    return {
      tr: translator(storedLocale),
      locale: storedLocale,
      source: 'stored',
      offered,
      schoolDefault,
      explicitUrls,
    };
  }
  return { tr: translator(locale), locale, source, offered, schoolDefault, explicitUrls };
}

/** Keeps an explicit choice for the reader's next pages (the switcher's links carry `?lang=`). */
export function rememberLanguage(reply: FastifyReply, language: PageLanguage): void {
  if (language.source !== 'query') return;
  void reply.header(
    'set-cookie',
    `${LANGUAGE_COOKIE}=${encodeURIComponent(language.locale)}; Path=/; Max-Age=${COOKIE_MAX_AGE_S}; SameSite=Lax`,
  );
}

/** The page's address in a language: the school's default has the bare URL, others `?lang=`. */
export function languageUrl(
  pageUrl: string,
  locale: Locale,
  language: Pick<PageLanguage, 'schoolDefault' | 'explicitUrls'>,
): string {
  const url = new URL(pageUrl);
  url.searchParams.delete('lang');
  if (language.explicitUrls || locale !== language.schoolDefault) url.searchParams.set('lang', locale);
  return url.toString();
}

/** What the layout writes for a page's languages: hreflang alternates and the switcher. */
export interface PageLanguages {
  locale: Locale;
  /** `<link rel="alternate" hreflang>` per offered language, and x-default (the bare URL). */
  alternates: Array<{ hreflang: string; href: string }>;
  /** The switcher's HTML; empty when the school offers one language. */
  switcher: string;
}

/**
 * The alternates and the switcher for a page at `pageUrl` (absolute, its canonical address in the
 * school's default language). The canonical of the page as shown is `languageUrl(pageUrl, locale)`.
 */
export function pageLanguages(pageUrl: string, language: PageLanguage): PageLanguages {
  const alternates: PageLanguages['alternates'] = language.offered.map((locale) => ({
    hreflang: locale,
    href: languageUrl(pageUrl, locale, language),
  }));
  alternates.push({ hreflang: 'x-default', href: languageUrl(pageUrl, language.schoolDefault, language) });
  return { locale: language.locale, alternates, switcher: languageSwitcher(pageUrl, language) };
}

function languageSwitcher(pageUrl: string, language: PageLanguage): string {
  if (language.offered.length < 2) return '';
  const links = language.offered.map((locale) => {
    const href = escapeHtml(relative(languageUrl(pageUrl, locale, language)));
    const current = locale === language.locale ? ' aria-current="true"' : '';
    return `<li><a href="${href}" hreflang="${locale}" lang="${locale}"${current}>${escapeHtml(LOCALE_NAMES[locale])}</a></li>`;
  });
  const label = escapeHtml(language.tr.t('common.languageSwitcher'));
  return `<nav class="lang-switch" aria-label="${label}"><div class="wrap"><span aria-hidden="true">${language.tr.html('common.languageSwitcherPrompt')}</span><ul>${links.join('')}</ul></div></nav>`;
}

/** Same-site links stay relative, so a page served on a tenant host links within it. */
function relative(href: string): string {
  const url = new URL(href);
  return `${url.pathname}${url.search}`;
}

function queryLanguage(req: FastifyRequest): string | undefined {
  const query = req.query as Record<string, unknown> | undefined;
  const value = query?.lang;
  return typeof value === 'string' ? value : undefined;
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) {
      try {
        return decodeURIComponent(part.slice(index + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
