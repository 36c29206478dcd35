import { isAPIError } from 'better-auth/api';
import type { Database } from '../../db/client.ts';
import type { CacheBus } from '../../lib/cache-bus.ts';
import { AppError } from '../../lib/errors.ts';
import { findAccountByEmail } from '../auth/accounts.ts';
import type { Auth } from '../auth/auth.ts';
import type { EmailChangeClaims } from '../auth/email-change.ts';
import { emailChangedNoticeEmail } from '../auth/email-change-email.ts';
import { emailJob } from '../outbox/email-job.ts';
import { enqueueJob } from '../outbox/enqueue.ts';
import { listMemberships } from '../tenants/tenant-lookup.ts';

/**
 * Asks for a new sign-in address through better-auth's change-email: it mails a link to the new
 * address and changes nothing until that link is followed (email-change.routes.ts). The current
 * password is checked first, by better-auth, so that a stolen session cannot move the account to
 * its thief's mailbox, and so that only the account's owner learns whether an address is taken.
 */
export async function requestEmailChange(
  deps: {
    auth: Auth;
    db: Database;
    /** Takes one e-mail from the new address's budget (429 when spent): nobody floods an inbox. */
    spendMailBudget: (address: string) => Promise<void>;
  },
  input: {
    userId: number;
    currentEmail: string;
    headers: Headers;
    newEmail: string;
    currentPassword: string;
  },
) {
  if (input.newEmail === input.currentEmail.toLowerCase()) {
    throw fieldError('newEmail', 'is already your address');
  }
  try {
    await deps.auth.api.verifyPassword({ headers: input.headers, body: { password: input.currentPassword } });
  } catch (error) {
    throw await passwordError(deps.auth, input.headers, error);
  }
  // better-auth answers a taken address like a free one and mails nothing; the person asking has
  // proven who they are, so they are told (409) rather than left waiting for an e-mail.
  const holder = await findAccountByEmail(deps.db, input.newEmail);
  if (holder && holder.id !== input.userId) {
    throw new AppError('CONFLICT', 'Another account already uses this address');
  }
  await deps.spendMailBudget(input.newEmail);
  try {
    await deps.auth.api.changeEmail({ headers: input.headers, body: { newEmail: input.newEmail } });
  } catch (error) {
    if (isAPIError(error) && error.statusCode === 401) throw new AppError('UNAUTHORIZED');
    if (isAPIError(error) && error.statusCode < 500) throw new AppError('VALIDATION_ERROR', error.message);
    throw error;
  }
  return { pendingEmail: input.newEmail };
}

/**
 * After the link was followed: every instance drops the person's cached sessions (viewer.me and
 * API keys they created show the new address), the schools they staff drop their cached booking
 * catalogue (staff notices go to the new address), and the old address is told. Invitations sent
 * to the old address stay addressed to it; memberships and Immersio links are by user id.
 */
export async function emailChanged(
  deps: { db: Database; bus: CacheBus },
  change: EmailChangeClaims & { name: string },
) {
  await deps.bus.publish({ type: 'user', userId: change.userId });
  for (const membership of await listMemberships(deps.db, change.userId)) {
    await deps.bus.publish({ type: 'catalog', tenantId: membership.tenantId });
  }
  // In the account's own language (issue 18): the person now signs in with the new address.
  const account = await findAccountByEmail(deps.db, change.newEmail);
  await enqueueJob(
    deps.db,
    emailJob,
    emailChangedNoticeEmail({ to: change.oldEmail, name: change.name, language: account?.language }),
  );
}

function fieldError(field: string, message: string): AppError {
  return new AppError('VALIDATION_ERROR', `${field}: ${message}`, { issues: [{ path: field, message }] });
}

// A wrong current password is a mistake in a form field, never a 401 (the app would sign out).
async function passwordError(auth: Auth, headers: Headers, error: unknown): Promise<unknown> {
  if (!isAPIError(error)) return error;
  if (error.statusCode === 401) return new AppError('UNAUTHORIZED');
  const code = (error.body as { code?: string } | undefined)?.code;
  if (code !== 'INVALID_PASSWORD') return new AppError('VALIDATION_ERROR', error.message);
  const accounts = await auth.api.listUserAccounts({ headers });
  if (!accounts.some((a) => a.providerId === 'credential')) {
    return new AppError(
      'VALIDATION_ERROR',
      'This account signs in with Immersio and has no password here, so its address cannot be changed here',
    );
  }
  return fieldError('currentPassword', 'is not your current password');
}
