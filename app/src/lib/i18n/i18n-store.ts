import loaders from 'virtual:app-messages';
import { createIntl, type IntlShape, type MessageFormatElement } from 'react-intl';
import { config as configureZod } from 'zod/v4/core';
import type { Locale } from '../../../../src/lib/i18n/locales.schema.ts';
import { formattingLocale } from './locale-choice.ts';

type Messages = Record<string, MessageFormatElement[]>;

/** The signed-out screens need only their own texts; the staff screens load the rest. */
export type MessagePart = 'signed-out' | 'staff';

export interface LoadedLanguage {
  locale: Locale;
  /** The tag Intl formats with (see formattingLocale). */
  intlLocale: string;
  parts: readonly MessagePart[];
  messages: Messages;
}

const loaded = new Map<string, Messages>();
const listeners = new Set<() => void>();
let current: LoadedLanguage | undefined;
let wanted: Locale | undefined;

/**
 * Loads the language's messages (each part once) and makes it the app's language: every screen
 * re-renders in it, `<html lang>` follows, and dates, numbers and form messages switch with it.
 */
export async function switchLanguage(
  locale: Locale,
  parts: readonly MessagePart[] = ['signed-out'],
): Promise<void> {
  wanted = locale;
  const kept = current?.locale === locale ? current : undefined;
  const missing = parts.filter((part) => !kept?.parts.includes(part));
  if (kept && missing.length === 0) return;
  const added = await Promise.all(missing.map((part) => loadPart(locale, part)));
  // A slower load of an earlier choice must not undo a later one.
  if (wanted !== locale) return;
  if (!kept) await applyZodLanguage(locale);
  const now = current?.locale === locale ? current : undefined;
  current = {
    locale,
    intlLocale: formattingLocale(locale),
    parts: [...new Set([...(now?.parts ?? []), ...missing])],
    messages: Object.assign({}, now?.messages, ...added),
  };
  document.documentElement.lang = locale;
  for (const listener of listeners) listener();
}

async function loadPart(locale: Locale, part: MessagePart): Promise<Messages> {
  const key = `${locale}/${part}`;
  const cached = loaded.get(key);
  if (cached) return cached;
  const load = loaders[locale]?.[part];
  if (!load) throw new Error(`The staff app has no catalogue for ${locale}`);
  const messages = (await load()).default;
  loaded.set(key, messages);
  return messages;
}

// zod's own messages ("Too small: expected string to have >=1 characters") come in its languages.
const ZOD_LOCALES: Record<Locale, () => Promise<{ default: () => object }>> = {
  // English is zod's own default, already in the bundle with zod itself.
  en: () => import('zod/v4/locales/en.js'),
  es: () => import('zod/v4/locales/es.js'),
  fr: () => import('zod/v4/locales/fr.js'),
  de: () => import('zod/v4/locales/de.js'),
  'pt-BR': () => import('zod/v4/locales/pt.js'),
  it: () => import('zod/v4/locales/it.js'),
};

async function applyZodLanguage(locale: Locale): Promise<void> {
  const { default: messages } = await ZOD_LOCALES[locale]();
  configureZod(messages() as Parameters<typeof configureZod>[0]);
}

export function currentLanguage(): LoadedLanguage | undefined {
  return current;
}

export function subscribeLanguage(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Code outside React (form resolvers, helpers shared by many forms) translates through this.
const outsideReact = new WeakMap<LoadedLanguage, IntlShape>();

/** A message in the current language, for code that runs outside components. */
export function translate(key: string, values?: Record<string, string | number | Date>): string {
  const language = current;
  if (!language) return key;
  let intl = outsideReact.get(language);
  if (!intl) {
    intl = createIntl({ locale: language.intlLocale, defaultLocale: 'en', messages: language.messages });
    outsideReact.set(language, intl);
  }
  return intl.formatMessage({ id: key }, values);
}
