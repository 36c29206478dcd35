// The e-mails of the booking flow, as outbox payloads (`enqueue(tx, { kind: EMAIL_KIND, ... })`),
// one file per e-mail (or family) beside this one. Pure: every input (the clock included) is passed
// in. Each has a plain-text body and a small HTML body with inline styles and no external resources;
// every string that came from a user (titles, names, addresses, reasons) is HTML-escaped, and CR/LF
// never reaches a subject. These are the values they are given.

export interface EmailTenant {
  name: string;
}

export interface EmailPerson {
  name: string;
  email: string;
}

/** Someone whose e-mail shows times in their own IANA zone (an invalid zone falls back to UTC). */
export interface EmailRecipient extends EmailPerson {
  timeZone: string;
  /** The language they read (issue 18): a booking's, a waitlist entry's, a staff member's; English when absent. */
  language?: string | null | undefined;
}

export interface EmailBooking {
  uid: string;
  title: string;
  startTime: Date;
  endTime: Date;
  attendee: EmailRecipient;
}

export type LocationType = 'zoom' | 'google_meet' | 'in_person' | 'link';

export interface BookingLocation {
  type: LocationType;
  /** The meeting link, or the address for `in_person`. */
  value: string;
}

/**
 * An amount in the currency's minor unit as ISO 4217 / `Intl` define it: cents for USD,
 * whole yen for JPY (zero-decimal), thousandths for KWD.
 */
export interface Money {
  amount: number;
  currency: string;
}

export interface BookingPolicy {
  /** Students can cancel online until this many hours before the start. */
  cancellationNoticeHours: number;
  /** A cancellation at least this many hours before the start is refunded in full. */
  refundWindowHours: number;
}

export type CancelledBy = 'student' | 'teacher' | 'admin';

export type RefundStatus = 'pending' | 'completed' | 'failed' | 'not_applicable';

export interface RefundInfo {
  /** Whether the policy grants a refund for this cancellation. */
  eligible: boolean;
  /** What was paid (minor units, see {@link Money}); 0 for a free booking. */
  amount: number;
  currency: string;
  status: RefundStatus;
  /** A class pass paid for the booking (issue 16): `eligible` then means its class went back on the pass. */
  pass?: boolean | undefined;
}
