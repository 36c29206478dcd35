import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { bearer } from 'better-auth/plugins/bearer';
import type { Database } from '../../db/client.ts';
import * as schema from '../../db/schema/index.ts';

export const SESSION_COOKIE = 'session_token';
export const COOKIE_PREFIX = 'ibs';
export const SESSION_TTL_SECONDS = 60 * 60 * 24 * 14;

export interface AuthOptions {
  db: Database;
  secret: string;
  baseUrl: string;
  trustedOrigins: string[];
}

/**
 * better-auth owns password hashing (scrypt) and sessions. Sign-up is closed: accounts are
 * created by invitations and the operator CLI, never by a public endpoint.
 */
export function createAuth(options: AuthOptions) {
  return betterAuth({
    appName: 'Immersio Booking',
    baseURL: options.baseUrl,
    basePath: '/api/auth',
    secret: options.secret,
    trustedOrigins: options.trustedOrigins,
    database: drizzleAdapter(options.db, {
      provider: 'pg',
      schema: {
        user: schema.users,
        session: schema.sessions,
        account: schema.accounts,
        verification: schema.verifications,
      },
    }),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 8, maxPasswordLength: 256 },
    session: {
      expiresIn: SESSION_TTL_SECONDS,
      updateAge: 60 * 60 * 24,
      additionalFields: {
        activeTenantId: { type: 'number', required: false, input: false },
      },
    },
    user: {
      additionalFields: {
        timeZone: { type: 'string', required: false, defaultValue: 'UTC', input: false },
      },
    },
    // Our own limiter (shared through Redis) covers sign-in; two limiters would disagree.
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    logger: { level: 'error' },
    advanced: {
      cookiePrefix: COOKIE_PREFIX,
      database: { generateId: 'serial' },
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
      // The server's own Origin/Sec-Fetch-Site check (src/http/origin-check.ts) guards every
      // cookie-authenticated change and every sign-in, in tests and production alike.
      // better-auth's check would also refuse non-browser clients (Node's fetch sends
      // Sec-Fetch-Mode without an Origin), and it is skipped under NODE_ENV=test anyway.
      disableCSRFCheck: true,
    },
    plugins: [bearer()],
  });
}

export type Auth = ReturnType<typeof createAuth>;
