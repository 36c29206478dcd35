import type { z } from 'zod';
import {
  createdEnrolmentResponse,
  studentEnrolmentResponse,
} from '../../modules/bookings/enrolments/public-enrolments.response.schema.ts';
import {
  cancelEnrolmentBody,
  createEnrolmentBody,
  enrolmentTokenQuery,
  enrolmentUidParams,
} from '../../modules/bookings/enrolments/public-enrolments.schemas.ts';
import {
  cancelledBookingResponse,
  createdBookingResponse,
  studentBookingResponse,
} from '../../modules/bookings/public-bookings.response.schema.ts';
import {
  bookingTokenQuery,
  bookingUidParams,
  cancelBookingBody,
  createBookingBody,
} from '../../modules/bookings/public-bookings.schemas.ts';
import { rescheduleBookingBody } from '../../modules/bookings/reschedule-booking.schema.ts';
import { waitlistEntryResponse } from '../../modules/bookings/waitlist/public-waitlist.response.schema.ts';
import {
  joinWaitlistBody,
  waitlistTokenBody,
  waitlistTokenQuery,
  waitlistUidParams,
} from '../../modules/bookings/waitlist/public-waitlist.schemas.ts';
import type { RouteDoc } from './route-doc.ts';

// The booking, waitlist and enrolment routes of the registry (registry.ts has the rest).

const PUBLIC = ['RATE_LIMITED', 'VALIDATION_ERROR', 'INTERNAL_ERROR'] as const;
/** What taking seats can refuse, for a single booking and for a whole-course enrolment alike. */
const SEAT_ERRORS = [
  ...PUBLIC,
  'TENANT_NOT_FOUND',
  'WORKSHOP_NOT_FOUND',
  'WHITELIST_DENIED',
  'NO_SEATS_AVAILABLE',
  'BOOKING_CLOSED',
  'CONFLICT',
  'PAYMENT_FAILED',
  'STRIPE_NOT_CONFIGURED',
  'FORBIDDEN',
] as const;
const ok = (schema: z.ZodType, description = 'OK') => ({ 200: { description, schema } });
const created = (schema: z.ZodType) => ({ 201: { description: 'Created', schema } });

export const BOOKING_ROUTES: RouteDoc[] = [
  // Bookings
  {
    method: 'post',
    path: '/api/v1/public/bookings',
    tag: 'Bookings',
    summary: 'Book a session (free: confirmed; paid: held until Stripe Checkout completes)',
    body: createBookingBody,
    responses: created(createdBookingResponse),
    errors: [...SEAT_ERRORS, 'TEACHER_UNAVAILABLE'],
  },
  {
    method: 'get',
    path: '/api/v1/public/bookings/:uid',
    tag: 'Bookings',
    summary: 'A booking, by its manage link',
    params: bookingUidParams,
    query: bookingTokenQuery,
    responses: ok(studentBookingResponse),
    errors: [...PUBLIC, 'BOOKING_NOT_FOUND'],
  },
  {
    method: 'post',
    path: '/api/v1/public/bookings/:uid/cancel',
    tag: 'Bookings',
    summary: 'Cancel a booking from its manage link',
    params: bookingUidParams,
    body: cancelBookingBody,
    responses: ok(cancelledBookingResponse),
    errors: [...PUBLIC, 'BOOKING_NOT_FOUND', 'CANCELLATION_CLOSED'],
  },
  {
    method: 'post',
    path: '/api/v1/public/bookings/:uid/reschedule',
    tag: 'Bookings',
    summary: 'Move a booking to another free time of its workshop',
    params: bookingUidParams,
    body: rescheduleBookingBody,
    responses: ok(studentBookingResponse),
    errors: [
      ...PUBLIC,
      'BOOKING_NOT_FOUND',
      'NO_SEATS_AVAILABLE',
      'BOOKING_CLOSED',
      'CANCELLATION_CLOSED',
      'TEACHER_UNAVAILABLE',
    ],
  },
  // Waitlist
  {
    method: 'post',
    path: '/api/v1/public/waitlist',
    tag: 'Waitlist',
    summary: "Join a full session's waitlist",
    body: joinWaitlistBody,
    responses: created(waitlistEntryResponse),
    errors: [...PUBLIC, 'TENANT_NOT_FOUND', 'WORKSHOP_NOT_FOUND', 'CONFLICT', 'BOOKING_CLOSED', 'FORBIDDEN'],
  },
  {
    method: 'get',
    path: '/api/v1/public/waitlist/:uid',
    tag: 'Waitlist',
    summary: 'A waitlist entry: place in line or the seat offered',
    params: waitlistUidParams,
    query: waitlistTokenQuery,
    responses: ok(waitlistEntryResponse),
    errors: [...PUBLIC, 'NOT_FOUND'],
  },
  {
    method: 'post',
    path: '/api/v1/public/waitlist/:uid/claim',
    tag: 'Waitlist',
    summary: 'Claim the seat offered (answered as a new booking is)',
    params: waitlistUidParams,
    body: waitlistTokenBody,
    responses: created(createdBookingResponse),
    errors: [...PUBLIC, 'NOT_FOUND', 'CONFLICT', 'GONE', 'PAYMENT_FAILED'],
  },
  {
    method: 'post',
    path: '/api/v1/public/waitlist/:uid/leave',
    tag: 'Waitlist',
    summary: 'Leave the waitlist',
    params: waitlistUidParams,
    body: waitlistTokenBody,
    responses: ok(waitlistEntryResponse),
    errors: [...PUBLIC, 'NOT_FOUND', 'CONFLICT'],
  },
  // Enrolments
  {
    method: 'post',
    path: '/api/v1/public/enrolments',
    tag: 'Enrolments',
    summary: 'Enrol in every remaining session of a course',
    body: createEnrolmentBody,
    responses: created(createdEnrolmentResponse),
    errors: [...SEAT_ERRORS],
  },
  {
    method: 'get',
    path: '/api/v1/public/enrolments/:uid',
    tag: 'Enrolments',
    summary: 'An enrolment, by its manage link',
    params: enrolmentUidParams,
    query: enrolmentTokenQuery,
    responses: ok(studentEnrolmentResponse),
    errors: [...PUBLIC, 'BOOKING_NOT_FOUND'],
  },
  {
    method: 'post',
    path: '/api/v1/public/enrolments/:uid/cancel',
    tag: 'Enrolments',
    summary: 'Cancel an enrolment from its manage link',
    params: enrolmentUidParams,
    body: cancelEnrolmentBody,
    responses: ok(studentEnrolmentResponse),
    errors: [...PUBLIC, 'BOOKING_NOT_FOUND', 'CANCELLATION_CLOSED'],
  },
];
