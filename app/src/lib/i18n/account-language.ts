import type { Locale } from '../../../../src/lib/i18n/locales.schema.ts';
import { switchLanguage } from './i18n-store.ts';
import { rememberLocale, toLocale } from './locale-choice.ts';

/**
 * Switches the app to the signed-in account's language (its profile setting, English when unset)
 * with every staff screen's texts, and remembers it on this device, so the sign-in screen speaks it
 * next time too.
 */
export function applyAccountLanguage(language: string | undefined): Promise<void> {
  const locale: Locale = toLocale(language) ?? 'en';
  rememberLocale(locale);
  return switchLanguage(locale, ['signed-out', 'staff']);
}
