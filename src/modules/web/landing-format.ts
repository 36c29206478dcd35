import { escapeHtml } from '../../lib/html.ts';
import { intlLocale } from '../../lib/i18n/dates.ts';
import type { Locale } from '../../lib/i18n/locales.schema.ts';
import { type Translator, translator } from '../../lib/i18n/translator.ts';
import { currencyDigits } from '../../lib/money.ts';
import { singleLine } from '../../lib/single-line.ts';

export { formatPrice } from '../../lib/money.ts';

// Text for the public pages: prices, durations, times, seats, and tenant text made safe to show.
// Every function that returns HTML escapes what it is given.

/** schema.org's Offer.price: a decimal string in major units, "15.00" (JPY "1500"). */
export function decimalPrice(amount: number, currency: string): string {
  const digits = currencyDigits(currency);
  return (Math.max(0, amount) / 10 ** digits).toFixed(digits);
}

/** 45 → "45 min", 60 → "1 hour", 90 → "1 h 30 min" (in the reader's language). */
export function formatDuration(minutes: number, tr: Translator = translator()): string {
  if (minutes < 60) return tr.t('landing.duration.minutes', { minutes: String(minutes) });
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (rest === 0) return tr.t('landing.duration.hours', { hours });
  return tr.t('landing.duration.hoursMinutes', { hours: String(hours), minutes: String(rest) });
}

/** ISO 8601 duration for schema.org: 90 → "PT1H30M". */
export function isoDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `PT${hours ? `${hours}H` : ''}${rest || !hours ? `${rest}M` : ''}`;
}

// The same options as site.js uses when it rewrites a time into the visitor's zone.
const DATETIME: Intl.DateTimeFormatOptions = {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
};
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * "Tue, Dec 3, 2024, 06:00 PM (America/New York)", "mar, 3 dic 2024, 18:00 (America/New York)":
 * the zone is always named. site.js rewrites it with the same options in the page's `lang`.
 */
export function formatDateTime(iso: string, timeZone: string, locale: Locale = 'en'): string {
  const key = `${locale} ${timeZone}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    // English keeps the US style the pages always had; the others take their own.
    format = new Intl.DateTimeFormat(locale === 'en' ? 'en' : intlLocale(locale), { ...DATETIME, timeZone });
    if (dateTimeFormats.size < 500) dateTimeFormats.set(key, format);
  }
  return `${format.format(new Date(iso))} (${timeZone.replace(/_/g, ' ')})`;
}

/** A time the browser script rewrites into the visitor's zone; the server's text names the school's. */
export function timeElement(iso: string, timeZone: string, locale: Locale = 'en'): string {
  return `<time datetime="${escapeHtml(iso)}" data-local="datetime">${escapeHtml(formatDateTime(iso, timeZone, locale))}</time>`;
}

/** "3 seats left", "1 seat left", "Fully booked" (in the reader's language). */
export function seatsText(available: number, tr: Translator = translator()): string {
  if (available <= 0) return tr.t('landing.seats.full');
  return tr.t('landing.seats.left', { count: available });
}

/** At most `max` characters, cut at a word boundary where there is one, with "…" when cut. */
export function truncate(value: string, max: number): string {
  const text = singleLine(value);
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  // Cut inside a word: back to the last space, unless that would lose too much.
  const space = text[max - 1] === ' ' ? cut.length : cut.lastIndexOf(' ');
  const base = space > max * 0.6 ? cut.slice(0, space) : cut;
  return `${base.replace(/[\s,.;:!?–—-]+$/u, '')}…`;
}

/** Plain text with line breaks as HTML: blank lines make paragraphs, single breaks `<br>`. */
export function paragraphs(value: string, className?: string): string {
  const attr = className ? ` class="${className}"` : '';
  return value
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter((block) => block !== '')
    .map(
      (block) =>
        `<p${attr}>${block
          .split('\n')
          .map((line) => escapeHtml(line.trim()))
          .join('<br>')}</p>`,
    )
    .join('');
}
