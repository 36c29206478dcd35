import { useCallback } from 'react';
import { appCodeOf } from '../errors.ts';
import { type AppMessageKey, useT } from './i18n.tsx';
import { currentLanguage, translate } from './i18n-store.ts';

/**
 * What a failed call says to the user. In English, the server's own message with its details
 * ("Spanish A1 at 10:00 is booked"); in another language, the message of its error code
 * (`error.<CODE>`), since the server writes its details in English only (docs/decisions.md).
 */
export function useErrorText(): (error: unknown, fallback: AppMessageKey) => string {
  const t = useT();
  return useCallback((error, fallback) => errorText(error, fallback, t), [t]);
}

/** The same outside components (form helpers). */
export function errorText(
  error: unknown,
  fallback: AppMessageKey,
  t: (key: AppMessageKey) => string = translate,
): string {
  const language = currentLanguage();
  if (!language || language.locale === 'en') {
    return error instanceof Error && error.message ? error.message : t(fallback);
  }
  const key = `error.${appCodeOf(error) ?? ''}`;
  return key in language.messages ? t(key as AppMessageKey) : t(fallback);
}
