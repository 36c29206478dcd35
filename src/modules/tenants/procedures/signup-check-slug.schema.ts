import { z } from 'zod';

/**
 * provisioning.ts's SLUG_PATTERN, repeated here because the staff app loads this file: provisioning
 * pulls in the database layer. test/integration/signup.test.ts keeps the two identical.
 */
export const TENANT_SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Self-serve addresses are at least 3 characters: shorter ones stay for the operator to hand out. */
export const MIN_SIGNUP_SLUG_LENGTH = 3;

/** The address a school signs up with: `{PUBLIC_BASE_URL}/{slug}`. */
export const signupSlug = z
  .string()
  .trim()
  .toLowerCase()
  .min(MIN_SIGNUP_SLUG_LENGTH, `Use at least ${MIN_SIGNUP_SLUG_LENGTH} characters`)
  .max(63, 'Use at most 63 characters')
  .regex(TENANT_SLUG_PATTERN, 'Use lower-case letters, digits and dashes (not at the start or end)');

// Any text is a fair question ("is this free?"); the answer says why it cannot be used.
export const checkSlugInput = z.object({ slug: z.string().max(200) });

export const slugUnavailableReasons = ['taken', 'reserved', 'invalid'] as const;

export const checkSlugOutput = z.object({
  available: z.boolean(),
  reason: z.enum(slugUnavailableReasons).optional(),
});

export type SlugAvailability = z.infer<typeof checkSlugOutput>;
