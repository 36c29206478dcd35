import { z } from 'zod';
import { accountEmail, newPassword } from './account-fields.schema.ts';

// The bodies of POST /api/auth/request-password-reset and /api/auth/reset-password, checked by
// the routes before better-auth sees them and by the app's forms (one source of validation).

export const requestPasswordResetInput = z.object({ email: accountEmail });

export const resetPasswordInput = z.object({
  token: z.string().min(1).max(300),
  newPassword,
});
