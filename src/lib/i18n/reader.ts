import { singleLine } from '../single-line.ts';
import { DEFAULT_LOCALE, toLocale } from './locales.schema.ts';
import { type Translator, translator } from './translator.ts';

// The reader of an e-mail (issue 18): a student in the language stored with what the e-mail is
// about (a booking, a waitlist entry, a pass), staff in `users.language`.

/** The translator for a stored language tag; English when none, or one we do not offer. */
export function readerTranslator(language: string | null | undefined): Translator {
  return translator(toLocale(language) ?? DEFAULT_LOCALE);
}

/** "Hello Ana," / "Hola, Ana:" (the bare greeting without a name). */
export function greetingIn(tr: Translator, name: string): string {
  const clean = singleLine(name);
  return clean ? tr.t('email.greeting', { name: clean }) : tr.t('email.greetingNoName');
}
