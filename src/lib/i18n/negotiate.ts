import { match } from '@formatjs/intl-localematcher';
import { DEFAULT_LOCALE, LOCALES, type Locale, toLocale } from './locales.schema.ts';

/** The most languages of an Accept-Language header looked at (a longer header is someone's fuzzer). */
const MAX_RANGES = 20;

/**
 * The language ranges an Accept-Language header asks for, most wanted first (RFC 9110 §12.5.4):
 * `q=0` ranges are refused, not wanted; `*` says nothing about which language.
 */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  const ranges: Array<{ tag: string; q: number; order: number }> = [];
  for (const [order, part] of header.split(',').slice(0, MAX_RANGES).entries()) {
    const [rawTag, ...params] = part.trim().split(';');
    const tag = rawTag?.trim() ?? '';
    if (!tag || tag === '*' || !/^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(tag)) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q) || q <= 0 || q > 1) continue;
    ranges.push({ tag, q, order });
  }
  return ranges.sort((a, b) => b.q - a.q || a.order - b.order).map((r) => r.tag);
}

/**
 * The best of `offered` for what the reader asks for (`es-MX` gets `es`, `pt` gets `pt-BR`), or
 * undefined when nothing they ask for is offered.
 */
export function bestOffered(requested: string[], offered: readonly Locale[]): Locale | undefined {
  if (requested.length === 0 || offered.length === 0) return undefined;
  const NONE = 'zxx'; // "no linguistic content": never offered, so it means no match
  try {
    const found = match(requested, [...offered], NONE, { algorithm: 'best fit' });
    return found === NONE ? undefined : toLocale(found);
  } catch {
    // A tag Intl cannot canonicalise: nothing usable was asked for.
    return undefined;
  }
}

export interface LanguageChoice {
  /** `?lang=`: an explicit choice, e.g. from the language switcher. */
  query?: string | undefined;
  /** The cookie the switcher sets, so the choice follows the reader to the school's other pages. */
  cookie?: string | undefined;
  acceptLanguage?: string | undefined;
  /** What the school's pages offer; the default is always among them. */
  offered: readonly Locale[];
  schoolDefault: Locale;
}

export type LanguageSource = 'query' | 'cookie' | 'header' | 'default';

/** The page's language, in the order: explicit choice, browser, school default. */
export function chooseLanguage(choice: LanguageChoice): { locale: Locale; source: LanguageSource } {
  const offered = choice.offered.includes(choice.schoolDefault)
    ? choice.offered
    : [choice.schoolDefault, ...choice.offered];
  const explicit = (tag: string | undefined) => {
    const locale = toLocale(tag);
    return locale && offered.includes(locale) ? locale : undefined;
  };
  const fromQuery = explicit(choice.query);
  if (fromQuery) return { locale: fromQuery, source: 'query' };
  const fromCookie = explicit(choice.cookie);
  if (fromCookie) return { locale: fromCookie, source: 'cookie' };
  const fromHeader = bestOffered(acceptedLanguages(choice.acceptLanguage), offered);
  if (fromHeader) return { locale: fromHeader, source: 'header' };
  return { locale: choice.schoolDefault, source: 'default' };
}

/** The school's offered languages: every supported one when it never narrowed them. */
export function offeredLanguages(pageLanguages: readonly string[] | null | undefined): Locale[] {
  if (!pageLanguages) return [...LOCALES];
  const offered = LOCALES.filter((locale) => pageLanguages.includes(locale));
  return offered.length > 0 ? offered : [DEFAULT_LOCALE];
}

/** The language of a request with no page behind it (the public API, e-mails): header or default. */
export function requestLanguage(
  acceptLanguage: string | undefined,
  fallback: Locale = DEFAULT_LOCALE,
): Locale {
  return bestOffered(acceptedLanguages(acceptLanguage), LOCALES) ?? fallback;
}
