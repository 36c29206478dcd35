import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { bearer } from 'better-auth/plugins/bearer';
import type { Database } from '../../db/client.ts';
import * as schema from '../../db/schema/index.ts';
import { emailJob } from '../outbox/email-job.ts';
import { enqueueJob } from '../outbox/enqueue.ts';
import { EMAIL_CHANGE_TOKEN_TTL_SECONDS, enqueueEmailChangeEmail } from './email-change.ts';
import { passwordResetEmail } from './password-reset-email.ts';
import { findCredentialAccount } from './users.repo.ts';

export const SESSION_COOKIE = 'session_token';
export const COOKIE_PREFIX = 'ibs';
export const SESSION_TTL_SECONDS = 60 * 60 * 24 * 14;
export const RESET_TOKEN_TTL_SECONDS = 60 * 60;

export interface AuthOptions {
  db: Database;
  secret: string;
  baseUrl: string;
  trustedOrigins: string[];
}

/**
 * better-auth owns password hashing (scrypt), sessions and the password-reset tokens. Its own
 * sign-up stays closed: accounts are created by invitations, the operator CLI and the school
 * sign-up (signup.createSchool), which go through our provisioning rules.
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
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: 8,
      maxPasswordLength: 256,
      resetPasswordTokenExpiresIn: RESET_TOKEN_TTL_SECONDS,
      // A new password ends every session (a stolen one included); auth.routes.ts also drops
      // the cached ones.
      revokeSessionsOnPasswordReset: true,
      sendResetPassword: ({ user, token }) => enqueueResetEmail(options, user, token),
    },
    // Only the e-mail change sends these (see email-change.ts): the link goes to the NEW address
    // and the change happens when it is followed.
    emailVerification: {
      expiresIn: EMAIL_CHANGE_TOKEN_TTL_SECONDS,
      sendVerificationEmail: ({ user, token }) => enqueueEmailChangeEmail(options, user, token),
    },
    // Reset tokens are kept as hashes, like invite tokens: a database leak gives no live link.
    verification: { storeIdentifier: 'hashed' },
    session: {
      expiresIn: SESSION_TTL_SECONDS,
      updateAge: 60 * 60 * 24,
      additionalFields: {
        activeTenantId: { type: 'number', required: false, input: false },
        ssoTenantId: { type: 'number', required: false, input: false },
        ssoRole: { type: 'string', required: false, input: false },
      },
    },
    user: {
      // Never without the link: our accounts are all `emailVerified: false`, for which
      // `updateEmailWithoutVerification` would switch the address at once.
      changeEmail: { enabled: true, updateEmailWithoutVerification: false },
      additionalFields: {
        timeZone: { type: 'string', required: false, defaultValue: 'UTC', input: false },
        // The staff app's and staff e-mails' language (issue 18), set by immersio.account.updateProfile.
        language: { type: 'string', required: false, defaultValue: 'en', input: false },
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

/**
 * Queues the reset e-mail through the outbox (delivered by the worker, or written under
 * DATA_DIR/mail without SMTP). Accounts without a password (made by Sign in with Immersio) get
 * none, and the caller's answer is the same either way. The link skips better-auth's
 * /reset-password/:token redirect and opens the app's page directly, which checks the token
 * when the new password is sent.
 */
async function enqueueResetEmail(
  options: AuthOptions,
  user: { id: string | number; email: string; name: string; language?: string | null },
  token: string,
): Promise<void> {
  const credential = await findCredentialAccount(options.db, Number(user.id));
  if (!credential?.password) return;
  const link = new URL('/app/reset-password', options.baseUrl);
  link.searchParams.set('token', token);
  await enqueueJob(
    options.db,
    emailJob,
    passwordResetEmail({
      to: user.email,
      name: user.name,
      link: link.href,
      expiresInMinutes: RESET_TOKEN_TTL_SECONDS / 60,
      language: user.language,
    }),
  );
}
