import { toNestErrors } from '@hookform/resolvers';
import type { FieldError, FieldErrors, FieldValues, Resolver } from 'react-hook-form';
import type { z } from 'zod';
import { issueMessage } from './zod-messages.ts';

/**
 * `zodResolver(schema)` with its messages in the app's language (see zod-messages.ts): the form
 * gets the schema's parsed values, or the first issue of each field.
 */
export function localisedResolver<V extends FieldValues>(schema: z.ZodType): Resolver<V> {
  return async (values, _context, options) => {
    const parsed = await schema.safeParseAsync(values);
    if (parsed.success) return { values: parsed.data as V, errors: {} };
    const flat: Record<string, FieldError> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path.map(String).join('.') || 'root';
      flat[field] ??= { type: issue.code, message: issueMessage(issue) };
    }
    return { values: {}, errors: toNestErrors(flat as FieldErrors, options) as FieldErrors<V> };
  };
}
