import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { workshops } from './catalog.ts';
import { tenants } from './tenants.ts';

/**
 * A whole-course enrolment (issue 16): one student in every remaining session of a fixed-schedule
 * workshop at once, paid with one checkout. Each session is still a booking of its own, grouped
 * by `bookings.series_uid = enrolments.uid` (the grouping a recurring slot series uses), so the
 * payment lives on the first session's booking and every session refunds its own share. The
 * enrolment's state (awaiting payment, confirmed, expired) is its bookings'; only a cancellation
 * of the enrolment as a whole is recorded here.
 */
export const enrolments = pgTable(
  'enrolments',
  {
    id: serial('id').primaryKey(),
    /** `enrolment_<hex>`: the manage link's id, and the `series_uid` of its bookings. */
    uid: text('uid').notNull().unique(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    workshopId: integer('workshop_id')
      .notNull()
      .references(() => workshops.id),
    /** Trimmed and lower-cased, as on bookings. */
    attendeeEmail: text('attendee_email').notNull(),
    attendeeName: text('attendee_name').notNull(),
    attendeeTimeZone: text('attendee_time_zone').notNull(),
    immersioStudentId: text('immersio_student_id'),
    /** The sessions enrolled in: the course's remaining ones when the student enrolled. */
    sessionCount: integer('session_count').notNull(),
    /** The course's scheduled sessions then, started or not: what a course price was pro-rated over. */
    courseSessions: integer('course_sessions').notNull(),
    /** The workshop's course price the amount was pro-rated from; null: the sum of the sessions' prices. */
    coursePriceCents: integer('course_price_cents'),
    /** What the whole enrolment cost, in cents (the sum of its bookings' `amount_cents`). */
    amountCents: integer('amount_cents').notNull(),
    currency: text('currency').notNull(),
    registrationSource: text('registration_source').notNull().default('public'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    /** student, teacher or admin. */
    cancelledBy: text('cancelled_by'),
    cancellationReason: text('cancellation_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Staff read a workshop's enrolments, newest first.
    index('enrolments_tenant_workshop_idx').on(t.tenantId, t.workshopId, t.createdAt),
    check(
      'enrolments_counts',
      sql`${t.sessionCount} between 1 and ${t.courseSessions} and ${t.amountCents} >= 0`,
    ),
  ],
);
