import type { z } from 'zod';
import { config as zodConfig } from 'zod/v4/core';
import { currentLanguage } from './i18n-store.ts';

/**
 * A failed check's message in the app's language. The schemas are the server's, and some word
 * their limits in English ("Use at most 200 characters") because the REST API answers with them;
 * in another language zod's own message for the same check is used instead. Custom checks
 * (`refine`) have no such message and keep theirs. English keeps the schema's wording.
 */
export function issueMessage(issue: z.core.$ZodIssue): string {
  const language = currentLanguage();
  if (!language || language.locale === 'en' || issue.code === 'custom') return issue.message;
  const localised = zodConfig().localeError?.(issue as unknown as z.core.$ZodRawIssue);
  const message = typeof localised === 'string' ? localised : localised?.message;
  return message ?? issue.message;
}
