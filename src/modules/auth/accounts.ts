import { hashPassword, verifyPassword } from 'better-auth/crypto';
import type { Executor } from '../../db/client.ts';
import { AppError } from '../../lib/errors.ts';
import * as users from './users.repo.ts';

/**
 * Finds the user for an email or creates one with this password (better-auth's scrypt hash in
 * a `credential` account). An existing user with a password must prove it: an invitation never
 * lets someone take over an account by choosing a new password.
 */
export async function findOrCreateUserWithPassword(
  db: Executor,
  input: { email: string; name: string; password: string; timeZone?: string },
): Promise<{ user: Awaited<ReturnType<typeof users.insertUser>>; created: boolean }> {
  const existing = await users.findUserByEmail(db, input.email);
  if (!existing) {
    const user = await users.insertUser(db, {
      email: input.email,
      name: input.name,
      ...(input.timeZone ? { timeZone: input.timeZone } : {}),
    });
    await users.insertCredentialAccount(db, user.id, await hashPassword(input.password));
    return { user, created: true };
  }
  const credential = await users.findCredentialAccount(db, existing.id);
  if (!credential?.password) {
    await users.insertCredentialAccount(db, existing.id, await hashPassword(input.password));
  } else if (!(await verifyPassword({ hash: credential.password, password: input.password }))) {
    throw new AppError(
      'UNAUTHORIZED',
      'An account with this email already exists: enter its current password to accept the invite',
    );
  }
  return { user: existing, created: false };
}

/** The account with this e-mail (compared case-insensitively), if any. */
export function findAccountByEmail(db: Executor, email: string) {
  return users.findUserByEmail(db, email);
}

/** Whether `password` is the account's current password (false for an account without one). */
export async function isCurrentPassword(db: Executor, userId: number, password: string): Promise<boolean> {
  const credential = await users.findCredentialAccount(db, userId);
  return Boolean(credential?.password && (await verifyPassword({ hash: credential.password, password })));
}
