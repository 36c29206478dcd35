import { z } from 'zod';

// The language a workshop is taught in (issue 18: "taught in French"): any BCP 47 tag, stored in
// its canonical form (`fr-ca` → `fr-CA`); null: not said. The school's own words stay as written;
// the page names the language in the reader's language (Intl.DisplayNames).

export const MAX_TEACHING_LANGUAGE = 35;

/** A BCP 47 tag, canonicalised; an empty text means none (null). */
export const teachingLanguageField = z
  .string()
  .trim()
  .max(MAX_TEACHING_LANGUAGE)
  .transform((tag, ctx) => {
    if (tag === '') return null;
    try {
      const [canonical] = Intl.getCanonicalLocales(tag);
      if (canonical && canonical.length <= MAX_TEACHING_LANGUAGE) return canonical;
    } catch {
      // Not a well-formed tag: refused below.
    }
    ctx.addIssue({ code: 'custom', message: 'must be a language tag such as fr, es or pt-BR' });
    return z.NEVER;
  });

/** The change a create or update names (undefined = left alone; null = not said). */
export function teachingLanguageChanges(input: { teachingLanguage?: string | null | undefined }): {
  teachingLanguage?: string | null;
} {
  return input.teachingLanguage === undefined ? {} : { teachingLanguage: input.teachingLanguage };
}
