import { z } from 'zod';
import { bookingTokenQuery, cancelBookingBody, createBookingBody } from '../public-bookings.schemas.ts';

// The public enrolment API's bodies: a booking's, without a start time (an enrolment takes every
// remaining session) and without a pass to use (an enrolment is paid at one checkout). The
// answers to the workshop's questions are given once and kept on every session's booking.
export const createEnrolmentBody = createBookingBody.pick({
  tenantSlug: true,
  workshopSlug: true,
  attendee: true,
  immersioStudentId: true,
  answers: true,
  language: true,
});

export const enrolmentUidParams = z.object({
  uid: z.string().regex(/^enrolment_[a-f0-9]{20}$/, 'is not an enrolment id'),
});

export const enrolmentTokenQuery = bookingTokenQuery;
export const cancelEnrolmentBody = cancelBookingBody;
