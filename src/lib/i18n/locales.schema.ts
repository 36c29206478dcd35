import { z } from 'zod';

// The staff app imports this file too (its language settings): only *.schema.ts server files may
// reach the bundle, and this one is constants and the zod enum.

/**
 * The languages pages and e-mails are offered in (issue 18). Adding one is adding its catalogue in
 * messages/ and its tag here; `npm run lint` fails until the catalogue has every English key with
 * the same placeholders.
 */
export const LOCALES = ['en', 'es', 'fr', 'de', 'pt-BR', 'it'] as const;
export type Locale = (typeof LOCALES)[number];

/** A supported locale tag, exactly as written here (`pt-BR`). */
export const localeSchema = z.enum(LOCALES);

export const DEFAULT_LOCALE: Locale = 'en';

/** Each language named in itself, as a language switcher shows it. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  es: 'Español',
  fr: 'Français',
  de: 'Deutsch',
  'pt-BR': 'Português (Brasil)',
  it: 'Italiano',
};

const byLowerCase = new Map<string, Locale>(LOCALES.map((locale) => [locale.toLowerCase(), locale]));

/** The supported locale a tag names exactly (any case: `pt-br` is `pt-BR`), if any. */
export function toLocale(tag: string | null | undefined): Locale | undefined {
  return tag ? byLowerCase.get(tag.trim().toLowerCase()) : undefined;
}

export function isLocale(tag: unknown): tag is Locale {
  return typeof tag === 'string' && (LOCALES as readonly string[]).includes(tag);
}
