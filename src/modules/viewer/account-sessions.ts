import { isAPIError } from 'better-auth/api';
import type { CacheBus } from '../../lib/cache-bus.ts';
import { AppError } from '../../lib/errors.ts';
import type { Auth } from '../auth/auth.ts';

interface StoredSession {
  id: number | string;
  token: string;
  createdAt: Date;
  updatedAt: Date;
  expiresAt: Date;
  ipAddress?: string | null;
  userAgent?: string | null;
  ssoTenantId?: number | null;
}

/**
 * The person's live sessions as better-auth keeps them. Its `/list-sessions` endpoint answers
 * only to a session younger than a day ("fresh"), which would hide this list from anyone who
 * stays signed in; its adapter lists the same rows without that rule. Tokens never leave here.
 */
async function liveSessions(auth: Auth, userId: number, now: Date): Promise<StoredSession[]> {
  const ctx = await auth.$context;
  const rows = (await ctx.internalAdapter.listSessions(String(userId), {
    onlyActiveSessions: true,
  })) as unknown as StoredSession[];
  return rows.filter((s) => new Date(s.expiresAt).getTime() > now.getTime());
}

/**
 * better-auth refuses with its own errors: a session ended meanwhile (another tab signed out) is
 * our 401, anything else it refuses is the caller's 400, never a 500.
 */
async function asked<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!isAPIError(error)) throw error;
    if (error.statusCode === 401) throw new AppError('UNAUTHORIZED');
    throw new AppError('VALIDATION_ERROR', error.message);
  }
}

export async function listSessions(
  deps: { auth: Auth; now: () => Date },
  input: { userId: number; currentToken: string },
) {
  const sessions = (await liveSessions(deps.auth, input.userId, deps.now())).map((s) => ({
    id: Number(s.id),
    createdAt: new Date(s.createdAt),
    lastActiveAt: new Date(s.updatedAt),
    expiresAt: new Date(s.expiresAt),
    ipAddress: s.ipAddress ?? null,
    userAgent: s.userAgent ?? null,
    viaImmersio: s.ssoTenantId !== null && s.ssoTenantId !== undefined,
    current: s.token === input.currentToken,
  }));
  sessions.sort(
    (a, b) => Number(b.current) - Number(a.current) || b.lastActiveAt.getTime() - a.lastActiveAt.getTime(),
  );
  return { sessions };
}

/** "Sign out everywhere else": better-auth ends every other session; all instances forget them. */
export async function revokeOtherSessions(
  deps: { auth: Auth; bus: CacheBus; now: () => Date },
  input: { userId: number; currentToken: string; headers: Headers },
) {
  const others = (await liveSessions(deps.auth, input.userId, deps.now())).filter(
    (s) => s.token !== input.currentToken,
  );
  await asked(() => deps.auth.api.revokeOtherSessions({ headers: input.headers }));
  for (const session of others) await deps.bus.publish({ type: 'session', token: session.token });
  return { success: true, signedOut: others.length };
}

/** Ends one other session of the person's (this one ends with "Sign out"). */
export async function revokeSession(
  deps: { auth: Auth; bus: CacheBus; now: () => Date },
  input: { userId: number; currentToken: string; headers: Headers; sessionId: number },
) {
  const session = (await liveSessions(deps.auth, input.userId, deps.now())).find(
    (s) => Number(s.id) === input.sessionId,
  );
  if (!session) throw new AppError('NOT_FOUND', 'Session not found');
  if (session.token === input.currentToken) {
    throw new AppError('VALIDATION_ERROR', 'sessionId: this is the session you are using: sign out instead', {
      issues: [{ path: 'sessionId', message: 'this is the session you are using: sign out instead' }],
    });
  }
  await asked(() => deps.auth.api.revokeSession({ headers: input.headers, body: { token: session.token } }));
  await deps.bus.publish({ type: 'session', token: session.token });
  return { success: true };
}
