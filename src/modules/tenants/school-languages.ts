import type { Executor } from '../../db/client.ts';
import { validationError } from '../../lib/errors.ts';
import { DEFAULT_LOCALE, LOCALES, type Locale, toLocale } from '../../lib/i18n/locales.schema.ts';
import { offeredLanguages } from '../../lib/i18n/negotiate.ts';
import * as repo from './school-languages.repo.ts';

// The languages a school's pages offer and the one they fall back to (issue 18), as the landing
// settings read and change them and as the public pages choose a page's language from them.

export type { SchoolLanguagesRow } from './school-languages.repo.ts';

/** What the landing settings show: the default, and every offered language listed. */
export interface SchoolLanguagesView {
  defaultLanguage: Locale;
  languages: Locale[];
}

/** A change from the landing settings: a field left out keeps its value; `languages: null` offers all. */
export interface SchoolLanguagesChange {
  defaultLanguage?: Locale | undefined;
  languages?: Locale[] | null | undefined;
}

/** The stored columns, as the public pages pass them to `pageLanguage` (null when no such tenant). */
export async function schoolLanguages(
  db: Executor,
  tenantId: number,
): Promise<repo.SchoolLanguagesRow | null> {
  return (await repo.findSchoolLanguages(db, tenantId)) ?? null;
}

export function schoolLanguagesView(row: repo.SchoolLanguagesRow | null | undefined): SchoolLanguagesView {
  const defaultLanguage = toLocale(row?.defaultLanguage) ?? DEFAULT_LOCALE;
  const languages = offeredLanguages(row?.pageLanguages ?? null);
  if (!languages.includes(defaultLanguage)) languages.unshift(defaultLanguage);
  return { defaultLanguage, languages };
}

/**
 * Applies a change inside the caller's transaction, the row locked: the default must be among the
 * offered languages once both are merged with what is stored (400 VALIDATION_ERROR naming the
 * field the caller sent: `defaultLanguage` when it came, else `languages`).
 */
export async function changeSchoolLanguages(
  tx: Executor,
  tenantId: number,
  change: SchoolLanguagesChange,
  now: Date,
): Promise<void> {
  if (change.defaultLanguage === undefined && change.languages === undefined) return;
  const current = await repo.lockSchoolLanguages(tx, tenantId);
  const defaultLanguage = change.defaultLanguage ?? toLocale(current?.defaultLanguage) ?? DEFAULT_LOCALE;
  // Kept in the catalogue's order, once each; null stays null (every language, new ones too).
  const pageLanguages =
    change.languages === undefined
      ? (current?.pageLanguages ?? null)
      : change.languages && LOCALES.filter((locale) => change.languages!.includes(locale));
  if (!offeredLanguages(pageLanguages).includes(defaultLanguage) || pageLanguages?.length === 0) {
    throw validationError([
      change.defaultLanguage !== undefined
        ? { path: ['defaultLanguage'], message: 'must be one of the offered languages' }
        : { path: ['languages'], message: `must include the default language (${defaultLanguage})` },
    ]);
  }
  await repo.updateSchoolLanguages(tx, tenantId, { defaultLanguage, pageLanguages }, now);
}
