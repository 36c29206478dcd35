import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { bookings } from './bookings.ts';
import { users } from './identity.ts';
import { tenants } from './tenants.ts';

// Class passes (issue 16): a school sells a number of classes up front; a student's pass pays for
// a seat with one credit, taken in the transaction that takes the seat.

/** A pass a school offers for sale: `archived` ones are no longer sold (bought ones stay valid). */
export const classPassStatus = pgEnum('class_pass_status', ['active', 'archived']);

export const classPasses = pgTable(
  'class_passes',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** Credits a purchase gives: one per class booked. */
    classes: integer('classes').notNull(),
    priceCents: integer('price_cents').notNull(),
    currency: text('currency').notNull(),
    /** A bought pass can be used for this many days after its payment. */
    validDays: integer('valid_days').notNull(),
    /** The workshops it pays for; null: every workshop of the school, present and future. */
    workshopIds: integer('workshop_ids').array(),
    status: classPassStatus('status').notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('class_passes_tenant_idx').on(t.tenantId, t.status),
    check(
      'class_passes_values',
      sql`${t.classes} between 1 and 1000 and ${t.priceCents} > 0 and ${t.validDays} between 1 and 3650`,
    ),
  ],
);

/**
 * pending: bought, waiting for Stripe's payment; active: paid (usable until `expires_at` while
 * credits remain); unpaid: its checkout ended without a payment.
 */
export const studentPassStatus = pgEnum('student_pass_status', ['pending', 'active', 'unpaid']);

/**
 * One student's bought pass. It keeps what was sold (name, classes, price, validity, workshops)
 * as it was at the purchase, so later edits of the offer change nothing for those who bought it.
 * `credits_remaining` is always the sum of its ledger entries (`pass_credit_entries`).
 */
export const studentPasses = pgTable(
  'student_passes',
  {
    id: serial('id').primaryKey(),
    /** `pass_<hex>`: the manage link's id. Its token is derived from APP_SECRET, never stored. */
    uid: text('uid').notNull().unique(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    passId: integer('pass_id')
      .notNull()
      .references(() => classPasses.id),
    name: text('name').notNull(),
    classes: integer('classes').notNull(),
    validDays: integer('valid_days').notNull(),
    workshopIds: integer('workshop_ids').array(),
    buyerName: text('buyer_name').notNull(),
    /** Trimmed and lower-cased: a booking by this address uses the pass. */
    buyerEmail: text('buyer_email').notNull(),
    /** The language the pass was bought in, for its e-mails (issue 18). */
    language: text('language').notNull().default('en'),
    /** The "Sign in with Immersio" student who bought it: their bookings use it whatever the address. */
    immersioStudentId: text('immersio_student_id'),
    status: studentPassStatus('status').notNull().default('pending'),
    creditsRemaining: integer('credits_remaining').notNull().default(0),
    /** Set when it is paid for: the payment's time plus `valid_days`. */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    amountCents: integer('amount_cents').notNull(),
    feeCents: integer('fee_cents').notNull().default(0),
    currency: text('currency').notNull(),
    /** Stripe may deliver checkout.session.completed many times: one pass per checkout session. */
    stripeCheckoutSessionId: text('stripe_checkout_session_id').unique(),
    checkoutUrl: text('checkout_url'),
    checkoutExpiresAt: timestamp('checkout_expires_at', { withTimezone: true }),
    stripePaymentId: text('stripe_payment_id'),
    stripeCustomerId: text('stripe_customer_id'),
    stripeAccountId: text('stripe_account_id'),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // A booking looks for the attendee's usable passes.
    index('student_passes_email_idx')
      .on(t.tenantId, t.buyerEmail, t.expiresAt)
      .where(sql`${t.status} = 'active'`),
    index('student_passes_student_idx')
      .on(t.tenantId, t.immersioStudentId)
      .where(sql`${t.status} = 'active' and ${t.immersioStudentId} is not null`),
    // Staff list a school's passes, newest first.
    index('student_passes_tenant_created_idx').on(t.tenantId, t.createdAt),
    check('student_passes_credits', sql`${t.creditsRemaining} >= 0`),
  ],
);

/**
 * purchase: the pass's credits on payment; booking: one credit taken by a booking; booking_return:
 * that credit given back by its cancellation; adjustment: staff granting or taking credits.
 */
export const passCreditKind = pgEnum('pass_credit_kind', [
  'purchase',
  'booking',
  'booking_return',
  'adjustment',
]);

/** The pass's history: every change of `credits_remaining`, with the balance after it. */
export const passCreditEntries = pgTable(
  'pass_credit_entries',
  {
    id: serial('id').primaryKey(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    studentPassId: integer('student_pass_id')
      .notNull()
      .references(() => studentPasses.id, { onDelete: 'cascade' }),
    kind: passCreditKind('kind').notNull(),
    delta: integer('delta').notNull(),
    balanceAfter: integer('balance_after').notNull(),
    /** Staff's reason for an adjustment. */
    reason: text('reason'),
    bookingId: integer('booking_id').references(() => bookings.id),
    /** Who adjusted it (staff); null for the student's own purchases and bookings. */
    actorUserId: integer('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('pass_credit_entries_pass_idx').on(t.studentPassId, t.id),
    // A booking takes one credit and gives it back at most once.
    uniqueIndex('pass_credit_entries_booking_uq')
      .on(t.bookingId, t.kind)
      .where(sql`${t.bookingId} is not null`),
    check('pass_credit_entries_delta', sql`${t.delta} <> 0 and ${t.balanceAfter} >= 0`),
  ],
);
