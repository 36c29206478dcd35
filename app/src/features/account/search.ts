import { optionalEnum } from '../../lib/search.ts';

/**
 * Where the link that confirms a new e-mail address lands (`/api/auth/verify-email` redirects
 * here): `changed`, or why it did not work. The server's names are in email-change.routes.ts.
 */
export const EMAIL_LANDINGS = ['changed', 'invalid', 'taken'] as const;
export type EmailLanding = (typeof EMAIL_LANDINGS)[number];

export function accountSearch(raw: Record<string, unknown>): { email?: EmailLanding | undefined } {
  return { email: optionalEnum(raw, 'email', EMAIL_LANDINGS) };
}
