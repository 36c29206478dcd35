import { DEFAULT_LOCALE } from '../../../lib/i18n/locales.schema.ts';
import { greetingIn, readerTranslator } from '../../../lib/i18n/reader.ts';
import { type Translator, translator } from '../../../lib/i18n/translator.ts';
import { singleLine } from '../../../lib/single-line.ts';
import { multiLine } from './email-sanitize.ts';
import type { BookingLocation, LocationType, Money } from './email-types.ts';

// E-mails are written in their reader's language (issue 18): the language stored with what they
// concern (a booking, a waitlist entry, a pass) for students, `users.language` for staff. Only our
// own words are translated; the school's text (titles, notes, answers) goes in as written.

export { greetingIn, readerTranslator };

/** The English translator: what e-mails default to when their input names no language. */
export const ENGLISH_TR: Translator = translator(DEFAULT_LOCALE);

/** The kind of place in words: the product names stay as they are. */
export function locationKindIn(tr: Translator, type: LocationType): string {
  switch (type) {
    case 'zoom':
      return 'Zoom';
    case 'google_meet':
      return 'Google Meet';
    case 'in_person':
      return tr.t('email.location.inPerson');
    case 'link':
      return tr.t('email.location.online');
  }
}

/** "Zoom — https://…", "In person — Main St 1, Berlin". */
export function locationTextIn(tr: Translator, location: BookingLocation): string {
  const value =
    location.type === 'in_person'
      ? multiLine(location.value).split('\n').filter(Boolean).join(', ')
      : singleLine(location.value);
  return `${locationKindIn(tr, location.type)} — ${value}`;
}

/** What was paid, in the reader's way of writing money, or null when it was free. */
export function paidTextIn(tr: Translator, payment: Money | null): string | null {
  return payment && payment.amount > 0 ? tr.money(payment.amount, payment.currency) : null;
}

/** "24 hours", "1 hour" in the reader's language. */
export function hoursIn(tr: Translator, count: number): string {
  return tr.t('email.hours', { count });
}

/** A label and its value on one line: "Claim your seat: https://…". */
export function labelled(label: string, value: string): string {
  return `${label}: ${value}`;
}
