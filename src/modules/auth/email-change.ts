import { verifyJWT } from 'better-auth/crypto';
import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import { emailJob } from '../outbox/email-job.ts';
import { enqueueJob } from '../outbox/enqueue.ts';
import { emailChangeVerificationEmail } from './email-change-email.ts';

/** How long the link sent to a new address works (better-auth's `emailVerification.expiresIn`). */
export const EMAIL_CHANGE_TOKEN_TTL_SECONDS = 60 * 60;

/** Where the verification link is answered (auth's email-change.routes.ts). */
export const VERIFY_EMAIL_PATH = '/api/auth/verify-email';

const changeClaims = z.object({
  email: z.email().max(254),
  updateTo: z.email().max(254),
  userId: z.string().regex(/^\d+$/),
  requestType: z.literal('change-email-verification'),
});

export interface EmailChangeClaims {
  userId: number;
  oldEmail: string;
  newEmail: string;
}

/**
 * The claims of an e-mail-change token (better-auth's signed JWT), checked with better-auth's own
 * `verifyJWT` (signature and expiry) so that nothing is answered about a forged one. Anything that
 * is not a live change-email verification token gives null. better-auth checks it again, with
 * the account's current address, when the link is followed.
 */
export async function readEmailChangeToken(token: string, secret: string): Promise<EmailChangeClaims | null> {
  const parsed = changeClaims.safeParse(await verifyJWT(token, secret));
  if (!parsed.success) return null;
  return { userId: Number(parsed.data.userId), oldEmail: parsed.data.email, newEmail: parsed.data.updateTo };
}

/**
 * better-auth's `sendVerificationEmail`: queues the link to the new address through the outbox.
 * Only the e-mail change reaches it (sign-up is closed and /send-verification-email is not
 * forwarded); any other token is ignored rather than mailed with the wrong words. The link
 * opens our own route, which forwards to better-auth's verify-email and lands in the app.
 */
export async function enqueueEmailChangeEmail(
  options: { db: Database; baseUrl: string; secret: string },
  user: { name: string; language?: string | null },
  token: string,
): Promise<void> {
  const claims = await readEmailChangeToken(token, options.secret);
  if (!claims) return;
  const link = new URL(VERIFY_EMAIL_PATH, options.baseUrl);
  link.searchParams.set('token', token);
  await enqueueJob(
    options.db,
    emailJob,
    emailChangeVerificationEmail({
      to: claims.newEmail,
      name: user.name,
      link: link.href,
      expiresInMinutes: EMAIL_CHANGE_TOKEN_TTL_SECONDS / 60,
      language: user.language,
    }),
  );
}
