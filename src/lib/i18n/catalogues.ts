import { readFileSync } from 'node:fs';
import { LOCALES, type Locale } from './locales.schema.ts';
import en from './messages/en.json' with { type: 'json' };

/** Every message id; English is the reference catalogue the others are checked against. */
export type MessageKey = keyof typeof en;

// A language is its catalogue file (messages/<tag>.json) and its tag in locales.schema.ts; the
// catalogues are read once at start-up, so nothing else names the languages one by one.
function readCatalogue(locale: Locale): Partial<Record<MessageKey, string>> {
  return JSON.parse(readFileSync(new URL(`./messages/${locale}.json`, import.meta.url), 'utf8'));
}

/** ICU MessageFormat strings by id, one catalogue per language (messages/<locale>.json). */
export const CATALOGUES = Object.fromEntries(
  LOCALES.map((locale) => [locale, locale === 'en' ? en : readCatalogue(locale)]),
) as Record<Locale, Partial<Record<MessageKey, string>>>;

export const ENGLISH: Record<MessageKey, string> = en;
