import { postJson } from './http.ts';

export function signIn(email: string, password: string) {
  return postJson('/api/auth/sign-in/email', { email, password, rememberMe: true });
}

export function signOut() {
  return postJson('/api/auth/sign-out', {});
}

/** Whether the browser holds a live session cookie (better-auth answers null when it does not). */
export async function hasSession(): Promise<boolean> {
  const response = await fetch('/api/auth/get-session', { credentials: 'same-origin' });
  if (!response.ok) return false;
  const body = (await response.json()) as { session?: unknown } | null;
  return Boolean(body?.session);
}
