import { z } from 'zod';
import { WEBHOOK_KIND, webhookEventSchema } from '../outbox/webhook-event.ts';
import { isEnrolmentUid } from './enrolments/enrolment-link.ts';

// The outgoing webhook events of spec section 3 that bookings and payments cause, built exactly
// as the spec shows them and checked against their schema before they are written to the outbox
// (kind `webhook`) in the transaction that causes them. WORKSHOP_CREATED is in
// ../workshops/workshop-events.ts. BOOKING_RESCHEDULED is ours, not the spec's (docs/webhooks.md).

export { WEBHOOK_KIND };

interface TenantRef {
  id: number;
  slug: string;
  immersioOrgId: string | null;
  stripeAccountId: string | null;
}

export interface BookingRef {
  uid: string;
  title: string;
  workshopId: number;
  startTime: Date;
  endTime: Date;
  status: string;
  attendeeEmail: string;
  attendeeName: string;
  attendeeTimeZone: string;
  amountCents: number;
  currency: string;
  paid: boolean;
  immersioStudentId: string | null;
  /** The group it was booked in: a recurring slot series or a whole-course enrolment. */
  seriesUid?: string | null | undefined;
  /** The class pass whose credit paid for it (issue 16). */
  passUid?: string | null | undefined;
  /** The answers to the workshop's questions (issue 17): the stored jsonb. */
  answers?: unknown;
  /** The language the student booked in (issue 18): their e-mails are written in it. */
  language?: string | null | undefined;
}

const id = z.number().int().positive();
const instant = z.iso.datetime();
const cancelledBy = z.enum(['student', 'teacher', 'admin']);

/** The booking as BOOKING_CREATED (and the BOOKING_RESCHEDULED extension) carry it. */
const bookingPayloadSchema = z.object({
  // 0 until the statement that inserts the booking fills it in.
  id: z.number().int().nonnegative(),
  uid: z.string(),
  title: z.string(),
  workshopId: id,
  eventTypeId: id,
  startTime: instant,
  endTime: instant,
  status: z.string(),
  attendee: z.object({ email: z.string(), name: z.string(), timeZone: z.string() }),
  payment: z.object({
    amount: z.number().int().nonnegative(),
    currency: z.string(),
    paid: z.boolean(),
    stripePaymentId: z.string().nullable(),
  }),
  metadata: z.object({
    immersioCourseId: z.string().optional(),
    immersioStudentId: z.string().optional(),
    /** Beyond the spec (docs/webhooks.md): the whole-course enrolment the booking is a session of. */
    enrolmentUid: z.string().optional(),
    /** Beyond the spec (docs/webhooks.md): the class pass whose credit paid for the booking. */
    passUid: z.string().optional(),
    /** Beyond the spec (docs/webhooks.md): the answers to the workshop's questions, by question id. */
    answers: z.record(z.string(), z.union([z.string(), z.array(z.string()), z.boolean()])).optional(),
  }),
});

const tenantPayloadSchema = z.object({ id, slug: z.string(), immersioOrgId: z.string().nullable() });

export const bookingCreatedEventSchema = webhookEventSchema(
  'BOOKING_CREATED',
  z.object({ booking: bookingPayloadSchema, tenant: tenantPayloadSchema }),
);

/**
 * An extension beyond the spec (docs/webhooks.md): the student moved their booking to another
 * time. BOOKING_CREATED's payload with the new times, plus the times it had before.
 */
export const bookingRescheduledEventSchema = webhookEventSchema(
  'BOOKING_RESCHEDULED',
  z.object({
    booking: bookingPayloadSchema.extend({ id, previousStartTime: instant, previousEndTime: instant }),
    tenant: tenantPayloadSchema,
  }),
);

export const refundOutcomeSchema = z.object({
  /** A refund is due under the policy (or because staff cancelled). */
  eligible: z.boolean(),
  /** The cancellation came at least refundWindowHours before the start. */
  withinWindow: z.boolean(),
  status: z.enum(['completed', 'pending', 'failed', 'not_applicable']),
  amount: z.number().int().nonnegative(),
  currency: z.string(),
  stripeRefundId: z.string().nullable(),
});

export type RefundOutcome = z.infer<typeof refundOutcomeSchema>;

export const bookingCancelledEventSchema = webhookEventSchema(
  'BOOKING_CANCELLED',
  z.object({
    booking: z.object({
      id,
      uid: z.string(),
      workshopId: id,
      cancelledAt: instant,
      cancelledBy,
      cancellationReason: z.string().nullable(),
    }),
    refund: refundOutcomeSchema,
    tenant: z.object({ id, slug: z.string() }),
  }),
);

export const paymentCompletedEventSchema = webhookEventSchema(
  'PAYMENT_COMPLETED',
  z.object({
    payment: z.object({
      id,
      bookingId: id,
      bookingUid: z.string(),
      amount: z.number().int().nonnegative(),
      fee: z.number().int().nonnegative(),
      currency: z.string(),
      stripePaymentId: z.string().nullable(),
      stripeCustomerId: z.string().nullable(),
    }),
    workshop: z.object({ id, title: z.string(), immersioCourseId: z.string().nullable() }),
    attendee: z.object({ email: z.string(), immersioStudentId: z.string().optional() }),
    tenant: z.object({ id, slug: z.string(), stripeAccountId: z.string().nullable() }),
  }),
);

export type BookingCreatedEvent = z.output<typeof bookingCreatedEventSchema>;
export type BookingRescheduledEvent = z.output<typeof bookingRescheduledEventSchema>;
export type BookingCancelledEvent = z.output<typeof bookingCancelledEventSchema>;
export type PaymentCompletedEvent = z.output<typeof paymentCompletedEventSchema>;

function hasAnswers(answers: unknown): answers is Record<string, string | string[] | boolean> {
  return typeof answers === 'object' && answers !== null && Object.keys(answers).length > 0;
}

function metadata(immersioCourseId: string | null, booking: BookingRef) {
  const { immersioStudentId, seriesUid, passUid, answers } = booking;
  return {
    ...(immersioCourseId !== null && { immersioCourseId }),
    ...(immersioStudentId !== null && { immersioStudentId }),
    ...(isEnrolmentUid(seriesUid) && { enrolmentUid: seriesUid }),
    ...(passUid && { passUid }),
    ...(hasAnswers(answers) && { answers }),
  };
}

interface BookingEventInput {
  now: Date;
  tenant: TenantRef;
  booking: BookingRef & { id?: number };
  eventTypeId: number;
  immersioCourseId: string | null;
  stripePaymentId: string | null;
}

function bookingPayload(input: BookingEventInput) {
  const { booking: b } = input;
  return {
    id: b.id ?? 0,
    uid: b.uid,
    title: b.title,
    workshopId: b.workshopId,
    eventTypeId: input.eventTypeId,
    startTime: b.startTime.toISOString(),
    endTime: b.endTime.toISOString(),
    status: b.status,
    attendee: { email: b.attendeeEmail, name: b.attendeeName, timeZone: b.attendeeTimeZone },
    payment: {
      amount: b.paid ? b.amountCents : 0,
      currency: b.currency,
      paid: b.paid,
      stripePaymentId: input.stripePaymentId,
    },
    metadata: metadata(input.immersioCourseId, b),
  };
}

function tenantPayload(tenant: TenantRef) {
  return { id: tenant.id, slug: tenant.slug, immersioOrgId: tenant.immersioOrgId };
}

/**
 * BOOKING_CREATED. `booking.id` is filled in by the statement that inserts the booking when it
 * is not known yet. A free booking carries `payment` with amount 0 and `paid: false`.
 */
export function bookingCreatedEvent(input: BookingEventInput): BookingCreatedEvent {
  return bookingCreatedEventSchema.parse({
    event: 'BOOKING_CREATED',
    timestamp: input.now.toISOString(),
    data: { booking: bookingPayload(input), tenant: tenantPayload(input.tenant) },
  });
}

/** BOOKING_RESCHEDULED (extension): the booking at its new time and the time it left. */
export function bookingRescheduledEvent(
  input: BookingEventInput & {
    booking: { id: number };
    previous: { startTime: Date; endTime: Date };
  },
): BookingRescheduledEvent {
  return bookingRescheduledEventSchema.parse({
    event: 'BOOKING_RESCHEDULED',
    timestamp: input.now.toISOString(),
    data: {
      booking: {
        ...bookingPayload(input),
        previousStartTime: input.previous.startTime.toISOString(),
        previousEndTime: input.previous.endTime.toISOString(),
      },
      tenant: tenantPayload(input.tenant),
    },
  });
}

export function bookingCancelledEvent(input: {
  now: Date;
  tenant: TenantRef;
  booking: { id: number; uid: string; workshopId: number; cancelledAt: Date };
  cancelledBy: z.infer<typeof cancelledBy>;
  reason: string | null;
  refund: RefundOutcome;
}): BookingCancelledEvent {
  return bookingCancelledEventSchema.parse({
    event: 'BOOKING_CANCELLED',
    timestamp: input.now.toISOString(),
    data: {
      booking: {
        id: input.booking.id,
        uid: input.booking.uid,
        workshopId: input.booking.workshopId,
        cancelledAt: input.booking.cancelledAt.toISOString(),
        cancelledBy: input.cancelledBy,
        cancellationReason: input.reason,
      },
      refund: input.refund,
      tenant: { id: input.tenant.id, slug: input.tenant.slug },
    },
  });
}

export function paymentCompletedEvent(input: {
  now: Date;
  tenant: TenantRef;
  payment: {
    id: number;
    amount: number;
    fee: number;
    currency: string;
    stripePaymentId: string | null;
    stripeCustomerId: string | null;
  };
  booking: { id: number; uid: string; attendeeEmail: string; immersioStudentId: string | null };
  workshop: { id: number; title: string; immersioCourseId: string | null };
}): PaymentCompletedEvent {
  return paymentCompletedEventSchema.parse({
    event: 'PAYMENT_COMPLETED',
    timestamp: input.now.toISOString(),
    data: {
      payment: {
        id: input.payment.id,
        bookingId: input.booking.id,
        bookingUid: input.booking.uid,
        amount: input.payment.amount,
        fee: input.payment.fee,
        currency: input.payment.currency,
        stripePaymentId: input.payment.stripePaymentId,
        stripeCustomerId: input.payment.stripeCustomerId,
      },
      workshop: {
        id: input.workshop.id,
        title: input.workshop.title,
        immersioCourseId: input.workshop.immersioCourseId,
      },
      attendee: {
        email: input.booking.attendeeEmail,
        ...(input.booking.immersioStudentId !== null && {
          immersioStudentId: input.booking.immersioStudentId,
        }),
      },
      tenant: { id: input.tenant.id, slug: input.tenant.slug, stripeAccountId: input.tenant.stripeAccountId },
    },
  });
}
