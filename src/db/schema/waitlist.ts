import { sql } from 'drizzle-orm';
import {
  bigserial,
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
import { workshopSessions, workshops } from './catalog.ts';
import { tenants } from './tenants.ts';

/**
 * waiting: in line; offered: a seat is held for the entry (`booking_id`, a pending booking until
 * `offer_expires_at`); claimed: that booking was confirmed; expired: the offer lapsed, or the
 * session started or was cancelled while waiting; left: the student (or staff) took the entry
 * off the list, or the student booked the session directly. Triggers keep offered → claimed /
 * expired in step with the booking (migration 0023).
 */
export const waitlistStatus = pgEnum('waitlist_status', ['waiting', 'offered', 'claimed', 'expired', 'left']);

export const waitlistEntries = pgTable(
  'waitlist_entries',
  {
    id: serial('id').primaryKey(),
    uid: text('uid').notNull().unique(),
    tenantId: integer('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    workshopId: integer('workshop_id')
      .notNull()
      .references(() => workshops.id, { onDelete: 'cascade' }),
    sessionId: integer('session_id')
      .notNull()
      .references(() => workshopSessions.id, { onDelete: 'cascade' }),
    /**
     * The place in line: lower goes first. From one sequence, so a new entry is always last and a
     * staff reorder takes fresh values (never colliding with a join at the same moment).
     */
    position: bigserial('position', { mode: 'number' }).notNull(),
    status: waitlistStatus('status').notNull().default('waiting'),
    /** Trimmed and lower-cased, as on bookings. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    timeZone: text('time_zone').notNull(),
    /** The language the student joined in, for the offer e-mails (issue 18). */
    language: text('language').notNull().default('en'),
    immersioStudentId: text('immersio_student_id'),
    /** The held seat of an offer: one entry per booking, so a freed seat is offered once. */
    bookingId: integer('booking_id')
      .unique()
      .references(() => bookings.id),
    /** `auto` (a seat freed) or `staff` (offered by hand). */
    offeredBy: text('offered_by'),
    offeredAt: timestamp('offered_at', { withTimezone: true }),
    offerExpiresAt: timestamp('offer_expires_at', { withTimezone: true }),
    /** `student` or `staff` for a removal; null otherwise. */
    leftBy: text('left_by'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('waitlist_entries_session_position_uq').on(t.sessionId, t.position),
    // One place in line (or one offer) per person per session.
    uniqueIndex('waitlist_entries_session_email_live_uq')
      .on(t.sessionId, t.email)
      .where(sql`${t.status} in ('waiting', 'offered')`),
    // The next in line, and the count a booking's seat statement reads.
    index('waitlist_entries_waiting_idx').on(t.sessionId, t.position).where(sql`${t.status} = 'waiting'`),
    index('waitlist_entries_tenant_status_idx').on(t.tenantId, t.status),
    check(
      'waitlist_entries_offer',
      sql`(${t.status} = 'waiting' and ${t.bookingId} is null)
        or (${t.status} in ('offered', 'claimed') and ${t.bookingId} is not null and ${t.offerExpiresAt} is not null)
        or ${t.status} in ('expired', 'left')`,
    ),
  ],
);
