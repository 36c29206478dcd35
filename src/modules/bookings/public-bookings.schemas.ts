import { z } from 'zod';
import { languageField } from '../../lib/i18n/record-language.ts';
import { isValidTimeZone } from '../../lib/time-zones.ts';

export const timeZone = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Berlin');

export const createBookingBody = z.strictObject({
  tenantSlug: z.string().trim().toLowerCase().min(1).max(100),
  workshopSlug: z.string().trim().toLowerCase().min(1).max(200),
  startTime: z.iso.datetime({ offset: true }).transform((value) => new Date(value)),
  attendee: z.strictObject({
    name: z.string().trim().min(1).max(200),
    email: z.string().trim().max(254).pipe(z.email()),
    timeZone,
  }),
  // Never trusted on its own: accepted only when it repeats the id of the request's
  // "Sign in with Immersio" student session for this tenant (see public-bookings.routes.ts).
  immersioStudentId: z.string().trim().min(1).max(200).optional(),
  // Beyond the spec: false pays at checkout even when the student's class pass could pay.
  usePass: z.boolean().optional(),
  // Beyond the spec (issue 17): the answers to the workshop's questions by question id, checked
  // against them by booking-answers.ts.
  answers: z.record(z.string().max(40), z.unknown()).optional(),
  // Beyond the spec (issue 18): the language of the student's e-mails; else Accept-Language, else
  // the school's default.
  language: languageField.optional(),
});

export const bookingUidParams = z.object({
  uid: z.string().regex(/^booking_[a-f0-9]{20}$/, 'is not a booking id'),
});
export const bookingTokenQuery = z.object({ token: z.string().min(1).max(200) });

export const cancelBookingBody = z.strictObject({
  token: z.string().min(1).max(200),
  reason: z.string().trim().max(1000).optional(),
});
