import { boolean, index, integer, pgEnum, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { workshops } from './catalog.ts';
import { tenants } from './tenants.ts';

// The bookings issue adds sessions, holds and the booking flow; these columns are what
// statistics read already.

export const bookingStatus = pgEnum('booking_status', [
  'pending',
  'accepted',
  'cancelled',
  'expired',
  'failed',
]);
export const paymentStatus = pgEnum('payment_status', ['pending', 'succeeded', 'failed']);

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
    title: text('title').notNull(),
    startTime: timestamp('start_time', { withTimezone: true }).notNull(),
    endTime: timestamp('end_time', { withTimezone: true }).notNull(),
    status: bookingStatus('status').notNull().default('pending'),
    paid: boolean('paid').notNull().default(false),
    attendeeEmail: text('attendee_email').notNull(),
    attendeeName: text('attendee_name').notNull(),
    attendeeTimeZone: text('attendee_time_zone').notNull().default('UTC'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  },
  (t) => [
    index('bookings_tenant_created_idx').on(t.tenantId, t.createdAt),
    index('bookings_workshop_idx').on(t.workshopId),
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
    stripePaymentId: text('stripe_payment_id'),
    stripeCustomerId: text('stripe_customer_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('payments_tenant_created_idx').on(t.tenantId, t.createdAt),
    index('payments_booking_idx').on(t.bookingId),
  ],
);
