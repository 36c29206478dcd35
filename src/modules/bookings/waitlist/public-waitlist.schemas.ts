import { z } from 'zod';
import { languageField } from '../../../lib/i18n/record-language.ts';
import { timeZone } from '../public-bookings.schemas.ts';

// The public waitlist API (issue 16; docs/bookings.md "Waitlist"). No account: an entry is managed with the
// secret token of its manage link, as a booking is.

export const joinWaitlistBody = z.strictObject({
  tenantSlug: z.string().trim().toLowerCase().min(1).max(100),
  workshopSlug: z.string().trim().toLowerCase().min(1).max(200),
  startTime: z.iso.datetime({ offset: true }).transform((value) => new Date(value)),
  attendee: z.strictObject({
    name: z.string().trim().min(1).max(200),
    email: z.string().trim().max(254).pipe(z.email()),
    timeZone,
  }),
  // As for a booking: only a repetition of the request's "Sign in with Immersio" student.
  immersioStudentId: z.string().trim().min(1).max(200).optional(),
  // Beyond the spec (issue 18): as for a booking, the language of the student's e-mails.
  language: languageField.optional(),
});

export const waitlistUidParams = z.object({
  uid: z.string().regex(/^wait_[a-f0-9]{20}$/, 'is not a waitlist entry id'),
});
export const waitlistTokenQuery = z.object({ token: z.string().min(1).max(200) });
export const waitlistTokenBody = z.strictObject({ token: z.string().min(1).max(200) });
