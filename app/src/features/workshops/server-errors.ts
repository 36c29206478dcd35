import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { applyServerErrors } from '../../lib/forms.ts';
import { errorText } from '../../lib/i18n/error-text.ts';
import { currentLanguage } from '../../lib/i18n/i18n-store.ts';

/**
 * Puts a failed save on the form. Zod issues carry their paths; the workshop service's own
 * checks say which field in their message ("seats: the session at … already has 3 seats taken",
 * "startTime: must be in the future"), so that prefix is read too. `fieldFor` maps an input path
 * to the form field showing it; anything else lands on `root`. The service words its checks in
 * English only: in another language the field gets its error code's message instead.
 */
export function placeServerErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fieldFor: (path: string) => string | undefined,
): void {
  const hasIssues = Boolean((error as { data?: { issues?: unknown[] } }).data?.issues?.length);
  const message = error instanceof Error ? error.message : '';
  const prefixed = /^([A-Za-z][\w.]*): (.+)$/s.exec(message);
  const field = prefixed ? fieldFor(prefixed[1] ?? '') : undefined;
  if (!hasIssues && prefixed && field) {
    const text = prefixed[2] ?? '';
    const language = currentLanguage();
    const message =
      !language || language.locale === 'en'
        ? text.charAt(0).toUpperCase() + text.slice(1)
        : errorText(error, 'app.workshops.error.saveFailed');
    setError(field as Path<T>, { type: 'server', message });
    return;
  }
  const rename: Record<string, string> = {};
  for (const issue of (error as { data?: { issues?: { path: string }[] } }).data?.issues ?? []) {
    const target = fieldFor(issue.path);
    if (target) rename[issue.path] = target;
  }
  applyServerErrors(error, setError, Object.values(rename), rename);
}
