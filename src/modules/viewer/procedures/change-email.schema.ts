import { z } from 'zod';
import { accountEmail } from '../../auth/account-fields.schema.ts';

// immersio.account.changeEmail: the signed-in person's own sign-in address (never an API key).

export const changeEmailInput = z.object({
  newEmail: accountEmail,
  /** better-auth checks it (verify-password) before anything is sent. */
  currentPassword: z.string().min(1, 'Enter your current password').max(256),
});

export const changeEmailOutput = z.object({
  /** The address the link went to; the account keeps its current one until the link is followed. */
  pendingEmail: z.string(),
});
