import loaders from 'virtual:app-messages';
import type { Locale } from '../../../../src/lib/i18n/locales.schema.ts';

// The languages are the catalogues the bundle carries (locales.schema.ts lists the same ones, but
// importing it would bring zod into the first chunk every screen, even sign-in, must load).
const LOCALES = Object.keys(loaders) as Locale[];
const byLowerCase = new Map<string, Locale>(LOCALES.map((locale) => [locale.toLowerCase(), locale]));

/** The language a tag names exactly (any case: `pt-br` is `pt-BR`), if the app has it. */
export function toLocale(tag: string | null | undefined): Locale | undefined {
  return tag ? byLowerCase.get(tag.trim().toLowerCase()) : undefined;
}

// Signed out, the app has no account to ask: it speaks the language this browser last used here,
// else the first of the browser's languages we have. Signed in, the account's setting wins.
const STORAGE_KEY = 'immersio.staff.language';

/** The language of the signed-out screens: remembered here, else the browser's own. */
export function deviceLocale(): Locale {
  let remembered: string | null = null;
  try {
    remembered = localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage can be blocked (private modes); the browser's languages still say enough.
  }
  return toLocale(remembered) ?? negotiate(navigator.languages ?? [navigator.language]);
}

export function rememberLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Nothing to do: the next visit negotiates again.
  }
}

/** The first browser language we have, exactly (`pt-BR`) or by its base (`pt-PT` → `pt-BR`). */
export function negotiate(tags: readonly string[]): Locale {
  for (const tag of tags) {
    const exact = toLocale(tag);
    if (exact) return exact;
    const base = tag.split('-')[0]?.toLowerCase();
    const byBase = LOCALES.find((locale) => locale.split('-')[0] === base);
    if (byBase) return byBase;
  }
  return 'en';
}

/**
 * The tag Intl formats dates and money with. English follows the browser's own English (US or UK
 * dates); every other language is formatted as its speakers expect.
 */
export function formattingLocale(locale: Locale): string {
  if (locale !== 'en') return locale;
  const browser = typeof navigator === 'undefined' ? undefined : navigator.language;
  return browser?.toLowerCase().startsWith('en') ? browser : 'en-GB';
}
