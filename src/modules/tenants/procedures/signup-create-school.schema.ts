import { z } from 'zod';
import { accountEmail, newPassword } from '../../auth/account-fields.schema.ts';
import { signupSlug } from './signup-check-slug.schema.ts';

export const createSchoolInput = z.object({
  schoolName: z.string().trim().min(1, "Enter your school's name").max(100, 'Use at most 100 characters'),
  slug: signupSlug,
  ownerName: z.string().trim().min(1, 'Enter your name').max(200, 'Use at most 200 characters'),
  email: accountEmail,
  password: newPassword,
  /** The browser's IANA zone, for the school's and the owner's times; an unknown one is ignored. */
  timeZone: z.string().max(64).optional(),
});

export type CreateSchoolInput = z.infer<typeof createSchoolInput>;

export const createSchoolOutput = z.object({ tenantId: z.number(), slug: z.string() });
