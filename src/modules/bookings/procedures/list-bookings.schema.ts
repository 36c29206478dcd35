import { z } from 'zod';
import { dbId } from '../../../lib/boundary.schema.ts';

export const STAFF_BOOKING_STATUSES = ['pending', 'accepted', 'cancelled', 'expired', 'failed'] as const;

/**
 * The filters of the school-wide booking list, shared by `immersio.booking.list` and the CSV
 * export (`GET /api/v1/staff/bookings.csv`). `from` and `to` are calendar days in the school's
 * time zone, both included, matched against the session's start.
 */
const filterFields = z.object({
  /** Without it: pending, accepted and cancelled (lapsed and failed holds never became bookings). */
  status: z.enum(STAFF_BOOKING_STATUSES).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  workshopId: dbId().optional(),
  teacherId: dbId().optional(),
  sessionId: dbId().optional(),
});

function checkRange(input: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx) {
  // ISO days compare as strings.
  if (input.from && input.to && input.from > input.to) {
    ctx.addIssue({ code: 'custom', path: ['from'], message: 'must not be after the end date' });
  }
}

export const bookingFiltersInput = filterFields.superRefine(checkRange);

export type BookingFilters = z.output<typeof bookingFiltersInput>;

export const listBookingsInput = filterFields
  .extend({
    page: z.number().int().min(1).max(100_000).default(1),
    limit: z.number().int().min(1).max(100).default(50),
  })
  .superRefine(checkRange);

export type ListBookingsInput = z.output<typeof listBookingsInput>;

/** One booking as staff see it, in the list and in a session's roster. */
export const staffBookingOutput = z.object({
  id: z.number(),
  uid: z.string(),
  status: z.enum(STAFF_BOOKING_STATUSES),
  paid: z.boolean(),
  session: z.object({
    /** Null once the session was removed (only possible without live bookings). */
    id: z.number().nullable(),
    startTime: z.date(),
    endTime: z.date(),
    /** The zone the session was scheduled in (the school's when the session is gone). */
    timeZone: z.string(),
  }),
  workshop: z.object({ id: z.number(), title: z.string() }),
  teacher: z.object({ id: z.number(), name: z.string() }),
  attendee: z.object({ name: z.string(), email: z.string(), timeZone: z.string() }),
  /** The succeeded payment; status: succeeded, refund_pending, refunded or partially_refunded. */
  payment: z
    .object({
      amount: z.number().int(),
      currency: z.string(),
      status: z.enum(['succeeded', 'refund_pending', 'refunded', 'partially_refunded']),
    })
    .nullable(),
  /** The latest refund requested for it, if any. */
  refund: z
    .object({
      amount: z.number().int(),
      currency: z.string(),
      status: z.enum(['pending', 'succeeded', 'failed']),
    })
    .nullable(),
  registrationSource: z.string(),
  immersioStudentId: z.string().nullable(),
  /** The whole-course enrolment this booking is a session of (beyond the spec), or null. */
  enrolmentUid: z.string().nullable(),
  cancellation: z
    .object({ cancelledAt: z.date(), cancelledBy: z.string().nullable(), reason: z.string().nullable() })
    .nullable(),
  createdAt: z.date(),
  /** Staff's mark from the session's start (issue 17), or null while unmarked. */
  attendance: z.object({ status: z.enum(['attended', 'no_show']), markedAt: z.date() }).nullable(),
  /** The answers to the workshop's booking questions (issue 17), labelled, in the questions' order. */
  answers: z.array(z.object({ questionId: z.string(), label: z.string(), answer: z.string() })),
});

export type StaffBooking = z.output<typeof staffBookingOutput>;

export const listBookingsOutput = z.object({
  bookings: z.array(staffBookingOutput),
  totalCount: z.number().int(),
});
