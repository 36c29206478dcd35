import { z } from 'zod';
import { DEFAULT_LOCALE, LOCALES, type Locale, toLocale } from './locales.schema.ts';
import { acceptedLanguages, bestOffered } from './negotiate.ts';

// The language a booking, a waitlist entry or a class pass is made in (issue 18), stored with it so
// every later e-mail to the student is in that language: the booking form's page language; in the
// public API an explicit `language`, else the request's Accept-Language, else the school's default.

/** The public API's optional `language` field: a supported locale (any case), canonicalised. */
export const languageField = z
  .string()
  .trim()
  .max(35)
  .transform((value, ctx) => {
    const locale = toLocale(value);
    if (!locale) {
      ctx.addIssue({ code: 'custom', message: `must be one of ${LOCALES.join(', ')}` });
      return z.NEVER;
    }
    return locale;
  });

/** What an API request asks for: its `language`, else its Accept-Language; undefined: neither. */
export function askedLanguage(
  explicit: Locale | undefined,
  acceptLanguage: string | undefined,
): Locale | undefined {
  return explicit ?? bestOffered(acceptedLanguages(acceptLanguage), LOCALES);
}

/** The language to store: the one asked for, else the school's default. */
export function recordLanguage(
  asked: string | null | undefined,
  school: { defaultLanguage?: string | null | undefined },
): Locale {
  return toLocale(asked) ?? toLocale(school.defaultLanguage) ?? DEFAULT_LOCALE;
}
