import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { workshopSessions, workshops } from './catalog.ts';
import { users } from './identity.ts';
import { tenants } from './tenants.ts';

/**
 * pending: a seat held during checkout until `hold_expires_at`; accepted: confirmed (free, or
 * paid); cancelled: by the student or staff; expired / failed: a hold that lapsed or whose
 * payment failed. pending and accepted bookings are exactly what a session's `booked_seats` counts.
 */
export const bookingStatus = pgEnum('booking_status', [
  'pending',
  'accepted',
  'cancelled',
  'expired',
  'failed',
]);
/** Staff's mark on an accepted booking from its start (issue 17): did the student come. */
export const bookingAttendance = pgEnum('booking_attendance', ['attended', 'no_show']);
export const paymentStatus = pgEnum('payment_status', ['pending', 'succeeded', 'failed']);
export const refundStatus = pgEnum('refund_status', ['pending', 'succeeded', 'failed']);

export const bookings = pgTable(
  'bookings',
  {
    id: serial('id').primaryKey(),
    uid: text('uid').notNull().unique(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    workshopId: integer('workshop_id')
      .notNull()
      .references(() => workshops.id),
    // Removing a session is only allowed without live bookings; history keeps its times.
    sessionId: integer('session_id').references(() => workshopSessions.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    startTime: timestamp('start_time', { withTimezone: true }).notNull(),
    endTime: timestamp('end_time', { withTimezone: true }).notNull(),
    status: bookingStatus('status').notNull().default('pending'),
    paid: boolean('paid').notNull().default(false),
    /** Trimmed and lower-cased, so one person cannot take two seats by changing case. */
    attendeeEmail: text('attendee_email').notNull(),
    attendeeName: text('attendee_name').notNull(),
    attendeeTimeZone: text('attendee_time_zone').notNull().default('UTC'),
    /** The language the student booked in: every later e-mail to them uses it (issue 18). */
    language: text('language').notNull().default('en'),
    /** The price when booked, in cents; 0 for a free workshop. */
    amountCents: integer('amount_cents').notNull().default(0),
    currency: text('currency').notNull().default('USD'),
    immersioStudentId: text('immersio_student_id'),
    registrationSource: text('registration_source').notNull().default('public'),
    /** Until when a pending booking holds its seat. */
    holdExpiresAt: timestamp('hold_expires_at', { withTimezone: true }),
    stripeCheckoutSessionId: text('stripe_checkout_session_id').unique(),
    checkoutUrl: text('checkout_url'),
    cancelledBy: text('cancelled_by'),
    cancellationReason: text('cancellation_reason'),
    /**
     * The SEQUENCE of the booking's latest calendar invite: 0 for the confirmation, one more for
     * each reschedule; a cancellation's invite uses this + 1 so calendars apply it.
     */
    icsSequence: integer('ics_sequence').notNull().default(0),
    /**
     * The recurring slot series this booking is one occurrence of (booked together, paid once on
     * the first occurrence's checkout); null for a single booking.
     */
    seriesUid: text('series_uid'),
    /** Null until staff mark it, from the booking's start; a later mark replaces it. */
    attendance: bookingAttendance('attendance'),
    attendanceMarkedAt: timestamp('attendance_marked_at', { withTimezone: true }),
    attendanceMarkedBy: integer('attendance_marked_by').references(() => users.id, { onDelete: 'set null' }),
    /**
     * Set when staff move the booking's session (issue 17): until then the student may cancel
     * online with a full refund whatever the workshop's cancellation policy says.
     */
    freeCancelUntil: timestamp('free_cancel_until', { withTimezone: true }),
    /** The student's answers to the workshop's questions when booked, by question id (issue 17). */
    answers: jsonb('answers').notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  },
  (t) => [
    index('bookings_tenant_created_idx').on(t.tenantId, t.createdAt),
    index('bookings_workshop_start_idx').on(t.workshopId, t.startTime),
    // One seat per person per session, among the bookings that hold one.
    uniqueIndex('bookings_session_email_live_uq')
      .on(t.sessionId, t.attendeeEmail)
      .where(sql`${t.status} in ('pending', 'accepted')`),
    index('bookings_pending_hold_idx').on(t.holdExpiresAt).where(sql`${t.status} = 'pending'`),
    // Staff reads: a session's roster (all statuses), bookings by session date, counts by status.
    index('bookings_session_idx').on(t.sessionId),
    index('bookings_tenant_start_idx').on(t.tenantId, t.startTime),
    index('bookings_tenant_status_idx').on(t.tenantId, t.status),
    index('bookings_series_idx').on(t.tenantId, t.seriesUid).where(sql`${t.seriesUid} is not null`),
  ],
);

export const payments = pgTable(
  'payments',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    bookingId: integer('booking_id')
      .notNull()
      .references(() => bookings.id),
    amountCents: integer('amount_cents').notNull(),
    feeCents: integer('fee_cents').notNull().default(0),
    refundedCents: integer('refunded_cents').notNull().default(0),
    currency: text('currency').notNull(),
    status: paymentStatus('status').notNull().default('pending'),
    /** Stripe may deliver checkout.session.completed many times: one payment per checkout session. */
    stripeCheckoutSessionId: text('stripe_checkout_session_id').unique(),
    stripePaymentId: text('stripe_payment_id'),
    stripeCustomerId: text('stripe_customer_id'),
    stripeAccountId: text('stripe_account_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('payments_tenant_created_idx').on(t.tenantId, t.createdAt),
    index('payments_booking_idx').on(t.bookingId),
  ],
);

/**
 * A refund gives back a booking's share of a payment: the whole payment for a single booking, one
 * occurrence's price for a series paid at once. A booking has at most one refund of a payment
 * that is pending or succeeded.
 */
export const refunds = pgTable(
  'refunds',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    bookingId: integer('booking_id')
      .notNull()
      .references(() => bookings.id),
    paymentId: integer('payment_id')
      .notNull()
      .references(() => payments.id),
    amountCents: integer('amount_cents').notNull(),
    currency: text('currency').notNull(),
    status: refundStatus('status').notNull().default('pending'),
    /** student_cancelled, staff_cancelled, session_cancelled, admin, late_payment. */
    reason: text('reason').notNull(),
    stripeRefundId: text('stripe_refund_id'),
    failureMessage: text('failure_message'),
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('refunds_payment_booking_live_uq')
      .on(t.paymentId, t.bookingId)
      .where(sql`${t.status} in ('pending', 'succeeded')`),
    index('refunds_booking_idx').on(t.bookingId),
  ],
);
