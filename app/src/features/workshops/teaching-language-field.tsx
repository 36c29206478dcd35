import { SelectField } from '../../components/ui/field.tsx';
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

const names = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });

function languageName(tag: string): string {
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
  const tags: string[] = [...COMMON_TEACHING_LANGUAGES];
  if (current && !tags.includes(current)) tags.unshift(current);
  const options = tags
    .map((tag) => ({ tag, name: languageName(tag) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
  return (
    <SelectField
      label="Taught in"
      hint="Shown on the workshop page, in the student's language."
      error={errors.teachingLanguage?.message}
      {...register('teachingLanguage')}
    >
      <option value="">Not set</option>
      {options.map(({ tag, name }) => (
        <option key={tag} value={tag}>
          {name}
        </option>
      ))}
    </SelectField>
  );
}
