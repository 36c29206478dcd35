import { SelectField } from '../../components/ui/field.tsx';
import { intlLocale, useT } from '../../lib/i18n/i18n.tsx';
import type { FormParts } from './workshop-form-model.ts';

/** The languages offered first (a stored tag outside the list is kept as an option of its own). */
export const COMMON_TEACHING_LANGUAGES = [
  'en',
  'es',
  'fr',
  'de',
  'it',
  'pt',
  'ja',
  'zh',
  'ar',
  'ru',
  'ko',
  'nl',
  'pl',
  'sv',
  'tr',
  'hi',
] as const;

// Built per language: the app's language can change while it runs.
const namesByLocale = new Map<string, Intl.DisplayNames>();

function languageName(tag: string, locale: string): string {
  let names = namesByLocale.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' });
    namesByLocale.set(locale, names);
  }
  try {
    return names.of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/**
 * The language the class is taught in (issue 18): the workshop page says "Taught in French" in
 * the reader's language. Optional; the school's own title and description stay as written.
 */
export function TeachingLanguageField({
  register,
  errors,
  current,
}: Omit<FormParts, 'control'> & { current: string }) {
  const t = useT();
  const locale = intlLocale() ?? 'en';
  const tags: string[] = [...COMMON_TEACHING_LANGUAGES];
  if (current && !tags.includes(current)) tags.unshift(current);
  const options = tags
    .map((tag) => ({ tag, name: languageName(tag, locale) }))
    .sort((a, b) => a.name.localeCompare(b.name, locale));
  return (
    <SelectField
      label={t('app.workshops.language.label')}
      hint={t('app.workshops.language.hint')}
      error={errors.teachingLanguage?.message}
      {...register('teachingLanguage')}
    >
      <option value="">{t('app.workshops.language.none')}</option>
      {options.map(({ tag, name }) => (
        <option key={tag} value={tag}>
          {name}
        </option>
      ))}
    </SelectField>
  );
}
