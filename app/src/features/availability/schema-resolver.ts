import { toNestErrors } from '@hookform/resolvers';
import type { FieldError, FieldErrors, FieldValues, Resolver, UseFormSetError } from 'react-hook-form';
import type { z } from 'zod';
import { applyServerErrors } from '../../lib/forms.ts';
import { translate } from '../../lib/i18n/i18n-store.ts';
import { issueMessage } from '../../lib/i18n/zod-messages.ts';

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

// Resolvers run outside React (and are shared by many forms): they read the current language.
function friendly(issue: z.core.$ZodIssue, input: unknown): string {
  if (valueAt(input, issue.path) === '') return translate('app.availability.form.required');
  if (issue.code === 'invalid_type') return translate('app.availability.form.required');
  const message = issueMessage(issue);
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/**
 * A react-hook-form resolver that converts the form's values (`convert`) and validates them with a
 * procedure's own schema, putting each issue on the field that shows it (`fieldFor`; the rest on
 * the form's root). A problem with a whole list and one with an item of it can both show: the
 * list's is placed first, the item's beside it.
 */
export function schemaResolver<V extends FieldValues>(
  schema: z.ZodType,
  convert: (values: V) => unknown,
  fieldFor: (path: string) => string | undefined,
): Resolver<V> {
  return async (values, _context, options) => {
    const input = convert(values);
    const parsed = await schema.safeParseAsync(input);
    if (parsed.success) return { values, errors: {} };
    const flat: Record<string, FieldError> = {};
    for (const issue of parsed.error.issues) {
      const field = fieldFor(issue.path.map(String).join('.')) ?? 'root';
      flat[field] ??= { type: issue.code, message: friendly(issue, input) };
    }
    const ordered = Object.fromEntries(Object.entries(flat).sort(([a], [b]) => a.length - b.length));
    return { values: {}, errors: toNestErrors(ordered as FieldErrors, options) as FieldErrors<V> };
  };
}

/**
 * Puts a refused save on the form: the server validates with the same schema, so its issues'
 * paths map like the browser's; a refusal about no field (not found, not allowed) lands on root.
 */
export function placeServerIssues<V extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<V>,
  fieldFor: (path: string) => string | undefined,
): void {
  const rename: Record<string, string> = {};
  for (const issue of (error as { data?: { issues?: { path: string }[] } }).data?.issues ?? []) {
    const target = fieldFor(issue.path);
    if (target) rename[issue.path] = target;
  }
  applyServerErrors(error, setError, Object.values(rename), rename);
}
