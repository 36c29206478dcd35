import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import { escapeHtml } from '../html.ts';
import { formatMoney } from '../money.ts';
import { placeholders } from './catalogue-check.ts';
import { CATALOGUES, ENGLISH, type MessageKey } from './catalogues.ts';
import { type DateStyle, formatDateTime, formatRange, formatShort, intlLocale, localDate } from './dates.ts';
import { DEFAULT_LOCALE, type Locale } from './locales.schema.ts';

export type { MessageKey } from './catalogues.ts';

/** A placeholder's value: text (escaped in HTML), a number (plurals) or a date. */
export type MessageValue = string | number | Date | TrustedHtml;
export type MessageValues = Record<string, MessageValue>;

/** HTML already built from escaped parts (a link, a <strong>), put into an HTML message as is. */
export class TrustedHtml {
  readonly html: string;
  constructor(html: string) {
    this.html = html;
  }
}

export function trustedHtml(html: string): TrustedHtml {
  return new TrustedHtml(html);
}

/** What pages and e-mails write with: the reader's language for messages, money, dates and lists. */
export interface Translator {
  readonly locale: Locale;
  /** The message as plain text (an e-mail's text part, a header); escape it before it goes into HTML. */
  t(key: MessageKey, values?: MessageValues): string;
  /** The message as HTML: its own text escaped, text values escaped, TrustedHtml values kept. */
  html(key: MessageKey, values?: MessageValues): string;
  money(amountCents: number, currency: string): string;
  /** A price as the pages show it: 0 is the word for free. */
  price(amountCents: number, currency: string): string;
  number(value: number): string;
  /** "a, b and c" (or "a, b or c"). */
  list(items: string[], type?: 'conjunction' | 'disjunction'): string;
  /** A language's name in the reader's language ("francés" for `fr` in Spanish). */
  languageName(tag: string): string;
  date(date: Date, zone: string, style?: DateStyle): string;
  dateTime(date: Date, zone: string): string;
  shortDateTime(date: Date, zone: string): string;
  range(start: Date, end: Date, zone: string): string;
}

const cache = createIntlCache();
const translators = new Map<Locale, Translator>();

/** The translator for a language (one per language, built on first use). */
export function translator(locale: Locale = DEFAULT_LOCALE): Translator {
  let found = translators.get(locale);
  if (!found) {
    found = createTranslator(locale);
    translators.set(locale, found);
  }
  return found;
}

function createTranslator(locale: Locale): Translator {
  const intl: IntlShape<string> = createIntl(
    {
      locale: intlLocale(locale),
      // A key missing here (the catalogue check keeps that from shipping) falls back to English.
      messages: { ...ENGLISH, ...CATALOGUES[locale] },
      defaultLocale: 'en',
      onError: (error) => {
        throw error;
      },
    },
    cache,
  );
  // English money stays "$12.50" (en-GB would write "US$12.50").
  const moneyLocale = locale === 'en' ? 'en' : intlLocale(locale);
  const names = new Intl.DisplayNames([intlLocale(locale)], { type: 'language', fallback: 'code' });
  const format = (key: MessageKey, values?: Record<string, string | number | Date>) =>
    intl.formatMessage({ id: key }, values);
  const selects = new Map<MessageKey, Set<string>>();
  const selectArguments = (key: MessageKey): Set<string> => {
    let names = selects.get(key);
    if (!names) {
      names = new Set(
        placeholders(CATALOGUES[locale][key] ?? ENGLISH[key])
          .filter((p) => p.endsWith(':select'))
          .map((p) => p.slice(0, -':select'.length)),
      );
      selects.set(key, names);
    }
    return names;
  };

  return {
    locale,
    t: (key, values) => format(key, values && plainValues(values)),
    html(key, values) {
      if (!values) return escapeText(format(key));
      // Text values go in as markers, the whole is escaped, then the markers become the values
      // (escaped text or trusted HTML): the catalogue's text is escaped like any other text.
      // Select arguments choose a branch by their value, so they go in as they are.
      const selectors = selectArguments(key);
      const slots: string[] = [];
      const marked: Record<string, string | number | Date> = {};
      for (const [name, value] of Object.entries(values)) {
        if (typeof value === 'string' && selectors.has(name)) {
          marked[name] = value;
        } else if (typeof value === 'string' || value instanceof TrustedHtml) {
          marked[name] = `\uE000${slots.length}\uE001`;
          slots.push(value instanceof TrustedHtml ? value.html : escapeHtml(value));
        } else {
          marked[name] = value;
        }
      }
      return escapeText(format(key, marked)).replace(
        /\uE000(\d+)\uE001/g,
        (_, i: string) => slots[Number(i)] ?? '',
      );
    },
    money: (amount, currency) => formatMoney(amount, currency, moneyLocale),
    price: (amount, currency) =>
      amount > 0 ? formatMoney(amount, currency, moneyLocale) : format('common.free'),
    number: (value) => intl.formatNumber(value),
    list: (items, type = 'conjunction') => intl.formatList(items, { type }),
    languageName(tag) {
      try {
        return names.of(tag) ?? tag;
      } catch {
        return tag;
      }
    },
    date: (date, zone, style = 'long') => localDate(locale, date, zone, style),
    dateTime: (date, zone) => formatDateTime(locale, date, zone),
    shortDateTime: (date, zone) => formatShort(locale, date, zone),
    range: (start, end, zone) => formatRange(locale, start, end, zone),
  };
}

/**
 * The catalogue's own words as HTML: `&`, `<`, `>` and `"` escaped (safe in text and in the
 * double-quoted attributes every page uses); apostrophes stay as written, so "don't" reads the
 * same in the page source as in the catalogue.
 */
function escapeText(text: string): string {
  return text.replace(/[&<>"]/g, (char) => TEXT_ESCAPES[char]!);
}

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

function plainValues(values: MessageValues): Record<string, string | number | Date> {
  const plain: Record<string, string | number | Date> = {};
  for (const [name, value] of Object.entries(values))
    plain[name] = value instanceof TrustedHtml ? value.html : value;
  return plain;
}
