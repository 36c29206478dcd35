import { optionalEnum, optionalString } from '../../lib/search.ts';

/** What the sign-in screen tells someone arriving from another step. */
export const SIGN_IN_NOTICES = ['password-reset', 'school-created'] as const;
export type SignInNotice = (typeof SIGN_IN_NOTICES)[number];

/** Where to go after signing in: a path inside the app (relative to /app), never another site. */
export function authSearch(raw: Record<string, unknown>): {
  redirect?: string | undefined;
  notice?: SignInNotice | undefined;
} {
  const redirect = optionalString(raw, 'redirect', 500);
  const local = redirect?.startsWith('/') && !redirect.startsWith('//') && !redirect.includes('\\');
  return { redirect: local ? redirect : undefined, notice: optionalEnum(raw, 'notice', SIGN_IN_NOTICES) };
}

export function resetSearch(raw: Record<string, unknown>): {
  token?: string | undefined;
  error?: string | undefined;
} {
  return { token: optionalString(raw, 'token', 300), error: optionalString(raw, 'error', 100) };
}
