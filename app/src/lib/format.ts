import { intlLocale } from './i18n/i18n.tsx';

/** Money arrives in integer cents (minor units) with its ISO currency. */
export function formatMoney(cents: number, currency: string, locale = intlLocale()): string {
  const digits =
    new Intl.NumberFormat(locale, { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
    2;
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(cents / 10 ** digits);
}

export function formatDateTime(date: Date, timeZone: string, options?: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(intlLocale(), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
    ...options,
  }).format(date);
}

export function formatDate(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium', timeZone }).format(date);
}

export function formatTime(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat(intlLocale(), { timeStyle: 'short', timeZone }).format(date);
}

/** "GMT-5" style offset name of a zone at an instant, to make a DST change visible. */
export function zoneOffsetName(date: Date, timeZone: string): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'shortOffset' })
    .formatToParts(date)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}
