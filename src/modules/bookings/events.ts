// The outgoing webhook events of spec section 3, built exactly as the spec shows them. They are
// written to the outbox (kind `webhook`) in the transaction that causes them.

export const WEBHOOK_KIND = 'webhook';

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
}

function metadata(immersioCourseId: string | null, immersioStudentId: string | null) {
  return {
    ...(immersioCourseId !== null && { immersioCourseId }),
    ...(immersioStudentId !== null && { immersioStudentId }),
  };
}

/**
 * BOOKING_CREATED. `booking.id` is filled in by the statement that inserts the booking when it
 * is not known yet. A free booking carries `payment` with amount 0 and `paid: false`.
 */
export function bookingCreatedEvent(input: {
  now: Date;
  tenant: TenantRef;
  booking: BookingRef & { id?: number };
  eventTypeId: number;
  immersioCourseId: string | null;
  stripePaymentId: string | null;
}) {
  const { booking: b } = input;
  return {
    event: 'BOOKING_CREATED',
    timestamp: input.now.toISOString(),
    data: {
      booking: {
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
        metadata: metadata(input.immersioCourseId, b.immersioStudentId),
      },
      tenant: { id: input.tenant.id, slug: input.tenant.slug, immersioOrgId: input.tenant.immersioOrgId },
    },
  };
}

export interface RefundOutcome {
  /** A refund is due under the policy (or because staff cancelled). */
  eligible: boolean;
  /** The cancellation came at least refundWindowHours before the start. */
  withinWindow: boolean;
  status: 'completed' | 'pending' | 'failed' | 'not_applicable';
  amount: number;
  currency: string;
  stripeRefundId: string | null;
}

export function bookingCancelledEvent(input: {
  now: Date;
  tenant: TenantRef;
  booking: { id: number; uid: string; workshopId: number; cancelledAt: Date };
  cancelledBy: 'student' | 'teacher' | 'admin';
  reason: string | null;
  refund: RefundOutcome;
}) {
  return {
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
  };
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
}) {
  return {
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
  };
}
