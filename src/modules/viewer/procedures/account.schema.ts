import { z } from 'zod';
import { dbId } from '../../../lib/boundary.schema.ts';
import { LOCALES } from '../../../lib/i18n/locales.schema.ts';
import { isValidTimeZone } from '../../../lib/time-zones.ts';
import { newPassword } from '../../auth/account-fields.schema.ts';

// immersio.account.*: the signed-in person's own account (any role; never an API key).

export const updateProfileInput = z.object({
  name: z.string().trim().min(1, 'Enter your name').max(200, 'Use at most 200 characters'),
  timeZone: z
    .string()
    .min(1)
    .max(64)
    .refine(isValidTimeZone, { message: 'Choose an IANA time zone, e.g. Europe/Berlin' }),
  /** Beyond the spec (issue 18): the staff app's and staff e-mails' language; unchanged when absent. */
  language: z.enum(LOCALES).optional(),
});

export const updateProfileOutput = z.object({
  id: z.number(),
  name: z.string(),
  email: z.string(),
  timeZone: z.string(),
  /** Beyond the spec (issue 18): one of the supported locales. */
  language: z.string(),
});

export const changePasswordInput = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password').max(256),
    newPassword,
    /** End every other session too (default): a stolen session does not outlive the old password. */
    signOutOtherSessions: z.boolean().default(true),
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ['newPassword'],
    message: 'Choose a password different from the current one',
  });

export const changePasswordOutput = z.object({
  success: z.boolean(),
  signedOutOtherSessions: z.boolean(),
});

export const listSessionsOutput = z.object({
  sessions: z.array(
    z.object({
      id: z.number(),
      createdAt: z.date(),
      lastActiveAt: z.date(),
      expiresAt: z.date(),
      ipAddress: z.string().nullable(),
      userAgent: z.string().nullable(),
      /** Made by "Sign in with Immersio". */
      viaImmersio: z.boolean(),
      /** The session this request came with. */
      current: z.boolean(),
    }),
  ),
});

export const revokeOtherSessionsOutput = z.object({ success: z.boolean(), signedOut: z.number() });

export const revokeSessionInput = z.object({ sessionId: dbId() });
export const revokeSessionOutput = z.object({ success: z.boolean() });
