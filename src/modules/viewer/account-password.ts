import { isAPIError } from 'better-auth/api';
import type { CacheBus } from '../../lib/cache-bus.ts';
import { AppError } from '../../lib/errors.ts';
import type { Auth } from '../auth/auth.ts';

/**
 * Changes the password through better-auth (which checks the current one and hashes the new one).
 * This session stays signed in; with `signOutOtherSessions` every other one ends, on every
 * instance (their cached viewers are dropped through the bus).
 */
export async function changePassword(
  deps: { auth: Auth; bus: CacheBus },
  input: {
    userId: number;
    headers: Headers;
    currentPassword: string;
    newPassword: string;
    signOutOtherSessions: boolean;
  },
) {
  try {
    await deps.auth.api.changePassword({
      headers: input.headers,
      body: { currentPassword: input.currentPassword, newPassword: input.newPassword },
    });
  } catch (error) {
    throw passwordError(error);
  }
  if (input.signOutOtherSessions) {
    try {
      await deps.auth.api.revokeOtherSessions({ headers: input.headers });
    } catch (error) {
      throw passwordError(error);
    }
  }
  await deps.bus.publish({ type: 'user', userId: input.userId });
  return { success: true, signedOutOtherSessions: input.signOutOtherSessions };
}

// A wrong current password is a mistake in a form field, never a 401: the app would take that
// for an ended session and send the person to the sign-in page.
function passwordError(error: unknown): unknown {
  if (!isAPIError(error)) return error;
  const code = (error.body as { code?: string } | undefined)?.code;
  if (code === 'INVALID_PASSWORD') {
    return new AppError('VALIDATION_ERROR', 'currentPassword: is not your current password', {
      issues: [{ path: 'currentPassword', message: 'is not your current password' }],
    });
  }
  if (code === 'CREDENTIAL_ACCOUNT_NOT_FOUND') {
    return new AppError(
      'VALIDATION_ERROR',
      'This account signs in with Immersio and has no password here: use "Forgot password" to set one',
    );
  }
  if (error.statusCode === 401) return new AppError('UNAUTHORIZED');
  return new AppError('VALIDATION_ERROR', error.message);
}
