import { TRPCClientError } from '@trpc/client';
import {
  type FieldError,
  type FieldValues,
  get,
  type Path,
  type UseFormReturn,
  type UseFormSetError,
} from 'react-hook-form';
import { HttpError } from './http.ts';
import { errorText } from './i18n/error-text.ts';
import { currentLanguage, translate } from './i18n/i18n-store.ts';

interface Issue {
  path: string;
  message: string;
}

function issuesOf(error: unknown): Issue[] {
  if (error instanceof TRPCClientError)
    return ((error.data as { issues?: Issue[] } | undefined)?.issues ?? []) as Issue[];
  if (error instanceof HttpError) return error.issues;
  return [];
}

/**
 * Puts a failed call's field issues on the form's fields (the server validates with the same
 * zod schemas, so paths match field names); whatever names no known field lands on `root`.
 * `rename` maps a server path to a form field where the two differ.
 */
export function applyServerErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly string[],
  rename: Record<string, string> = {},
): void {
  let placed = false;
  for (const issue of issuesOf(error)) {
    const name = rename[issue.path] ?? issue.path;
    if (fields.includes(name)) {
      setError(name as Path<T>, { type: 'server', message: issueText(issue) });
      placed = true;
    }
  }
  if (!placed) {
    setError('root' as Path<T>, { type: 'server', message: errorText(error, 'app.forms.failed') });
  }
}

/**
 * One field's registration and its error message, so a field is one call:
 * `<TextField label="Name" {...fieldProps(form, 'name')} />` (the field wires the message to its
 * control with aria-invalid and aria-describedby).
 */
export function fieldProps<T extends FieldValues>(form: UseFormReturn<T>, name: Path<T>) {
  const error = get(form.formState.errors, name) as FieldError | undefined;
  return { ...form.register(name), error: error?.message };
}

// The server words its checks in English; in another language the field says it is invalid in
// that language rather than mixing two (docs/decisions.md).
function issueText(issue: Issue): string {
  const language = currentLanguage();
  if (language && language.locale !== 'en') return translate('error.VALIDATION_ERROR');
  return capitalise(issue.message);
}

function capitalise(text: string) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
