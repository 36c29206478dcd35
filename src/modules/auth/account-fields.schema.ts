import { z } from 'zod';

// The rules for an account's e-mail and a new password, shared by the school sign-up and the
// password reset (server and app forms alike). better-auth enforces the same length bounds.

export const accountEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'Use at most 254 characters')
  .pipe(z.email('Enter a valid email address'));

export const newPassword = z
  .string()
  .min(8, 'Use at least 8 characters')
  .max(256, 'Use at most 256 characters');
