import type { CalendarBooking } from './manage-calendar.ts';

// The booking behind a manage link, as the page and its routes see it.

/** The refund outcomes the cancel form's redirect passes on (`&refund=`) for the page to say. */
export const REFUND_SHOWN = ['completed', 'pending', 'failed', 'none'] as const;
export type RefundShown = (typeof REFUND_SHOWN)[number];

/**
 * The booking as its student sees it (the bookings service's `getForStudent`, the same the REST API
 * answers with), as far as the page shows it.
 */
export interface ManagedBooking extends CalendarBooking {
  booking: CalendarBooking['booking'] & {
    paid: boolean;
    attendee: { name: string; email: string; timeZone: string };
    cancelledAt: Date | null;
    cancelledBy: string | null;
    cancellationReason: string | null;
  };
  tenant: { name: string; slug: string };
  workshop: CalendarBooking['workshop'] & { title: string; bookingUrl: string };
  payment: {
    amount: number;
    currency: string;
    status: string;
    checkoutUrl: string | null;
    expiresAt: Date | null;
  } | null;
  refund: { status: 'completed' | 'pending' | 'failed' | 'not_applicable' } | null;
  /** The class pass whose credit paid for the booking (issue 16). */
  pass?: { uid: string; name: string; returned: boolean } | null;
  /** The language the student booked in (issue 18): the page's, unless they choose another. */
  language?: string | undefined;
  cancellation: {
    allowed: boolean;
    deadline: Date;
    refundEligible: boolean;
    refundDeadline: Date;
    refundAmount: number;
    policy: { cancellationNoticeHours: number; refundWindowHours: number };
  };
}

export function refundShown(status: 'completed' | 'pending' | 'failed' | 'not_applicable'): RefundShown {
  return status === 'not_applicable' ? 'none' : status;
}
